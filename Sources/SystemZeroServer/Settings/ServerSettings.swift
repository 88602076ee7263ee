import SystemZeroLedger

/// Everything `systemzero serve` can be configured with. ``SettingDefinition/all`` names each field's variable,
/// its settings-file key, the form it takes and whether a reload can change it.
public struct ServerSettings: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "data"
    public var templateDirectory = "templates"
    public var logDirectory = "logs"
    public var configDirectory = "config"
    /// A key accepted with the admin role besides those in `api_keys.yaml` (the seed's `API_KEY`).
    public var bootstrapAPIKey: String?
    /// Origins allowed by CORS; empty allows none.
    public var corsOrigins: [String] = []
    /// Sustained requests per minute, per client address and per key.
    public var rateLimitPerMinute = 100
    /// How many requests a client may make at once before the sustained rate applies.
    public var rateBurst = 100
    /// Proxies whose `X-Forwarded-For` is believed.
    public var trustedProxies: [String] = []
    /// The largest request body accepted, in bytes.
    public var bodyLimit = 1 << 20
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// How long in-flight requests get to finish on shutdown.
    public var drainSeconds = 30
    /// How long a request's head may take from its first byte (``ConnectionLimits``).
    public var headerTimeoutSeconds = 10
    /// How long a request's body may take from the end of its head.
    public var bodyTimeoutSeconds = 60
    /// How long a connection may go without a byte read, between requests or within one.
    public var idleTimeoutSeconds = 60
    /// How many connections may be open at once; more wait in the listen backlog.
    public var maxConnections = 1_024
    public var logLevel = "info"
    /// Days of rotated request logs kept.
    public var requestLogRetentionDays = 30
    /// How often the request log is rotated: daily or hourly.
    public var requestLogRotation = "daily"
    /// Whether the probes (`/health`, `/ready`) get request-log lines; they are counted in the metrics either way.
    public var requestLogProbes = false
    public var metricsRequireKey = false
    /// How long a rotated key keeps working.
    public var keyGraceHours = 24
    public var ledgerOrigin = Ledger.defaultOrigin

    public init() {}

    /// `true` when both TLS paths are set.
    public var usesTLS: Bool { tlsCertificatePath != nil && tlsKeyPath != nil }
}
