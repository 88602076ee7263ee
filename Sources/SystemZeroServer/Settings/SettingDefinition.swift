import Foundation

/// One configuration variable: its environment name, the seed's older name, its key in `settings.yaml`, the form it
/// takes, and how it is read into ``ServerSettings``.
public struct SettingDefinition: Sendable {
    /// The environment variable, `SYSTEMZERO_…`.
    public let name: String
    /// Older names accepted too (the seed's `HOST`, `PORT`, …); `name` wins when both are set.
    public let aliases: [String]
    /// The key in `config/settings.yaml`.
    public let key: String
    /// What the value means.
    public let meaning: String
    /// The form a value must take, for error messages.
    public let form: String
    /// Redacted wherever settings are shown.
    public let isSecret: Bool
    /// A reload applies a change to it; otherwise the change waits for a restart.
    public let isLive: Bool
    let parse: @Sendable (inout ServerSettings, String) -> Bool
    let render: @Sendable (ServerSettings) -> String?

    /// The value in force, redacted when secret.
    public func display(_ settings: ServerSettings) -> String? {
        guard let value = render(settings) else { return nil }
        return isSecret ? "[redacted]" : value
    }

    func value(in settings: ServerSettings) -> String? { render(settings) }
}

extension SettingDefinition {
    /// Every variable, in the order documentation lists them.
    public static let all: [SettingDefinition] = [
        text("SYSTEMZERO_HOST", aliases: ["HOST"], key: "host", \.host, "the address to listen on"),
        integer("SYSTEMZERO_PORT", aliases: ["PORT"], key: "port", \.port, 0...65_535, "the port to listen on (0 picks a free one)"),
        text("SYSTEMZERO_DATA_DIR", key: "data_dir", \.dataDirectory, "the ledger folder (ledger.sqlite, ledger.key)"),
        text(
            "SYSTEMZERO_TEMPLATE_PATH", aliases: ["TEMPLATE_PATH"], key: "template_path", \.templateDirectory, "the template folder",
            live: true),
        text("SYSTEMZERO_LOG_PATH", aliases: ["LOG_PATH"], key: "log_path", \.logDirectory, "the folder for request and application logs"),
        text("SYSTEMZERO_CONFIG_DIR", key: "config_dir", \.configDirectory, "the folder of settings.yaml and api_keys.yaml"),
        optionalText(
            "SYSTEMZERO_API_KEY", aliases: ["API_KEY"], key: "api_key", \.bootstrapAPIKey,
            "a key accepted with the admin role besides api_keys.yaml", secret: true, live: true, minimumLength: 32),
        list(
            "SYSTEMZERO_CORS_ORIGINS", aliases: ["CORS_ORIGINS"], key: "cors_origins", \.corsOrigins,
            "comma-separated origins allowed by CORS (http(s)://host[:port])", live: true, check: isOrigin),
        integer(
            "SYSTEMZERO_RATE_LIMIT", key: "rate_limit", \.rateLimitPerMinute, 1...100_000_000,
            "requests per minute per client address and per key", live: true),
        integer("SYSTEMZERO_RATE_BURST", key: "rate_burst", \.rateBurst, 1...100_000_000, "the token bucket's size", live: true),
        list(
            "SYSTEMZERO_TRUSTED_PROXIES", key: "trusted_proxies", \.trustedProxies,
            "comma-separated proxy addresses or CIDR ranges whose X-Forwarded-For is believed", live: true,
            check: { AddressRange($0) != nil }),
        integer(
            "SYSTEMZERO_BODY_LIMIT", key: "body_limit", \.bodyLimit, 1_024...(1 << 30), "the largest request body, in bytes", live: true),
        optionalText("SYSTEMZERO_TLS_CERT", key: "tls_cert", \.tlsCertificatePath, "the PEM certificate chain for HTTPS"),
        optionalText("SYSTEMZERO_TLS_KEY", key: "tls_key", \.tlsKeyPath, "the PEM private key for HTTPS"),
        integer("SYSTEMZERO_DRAIN_SECONDS", key: "drain_seconds", \.drainSeconds, 0...3_600, "how long in-flight requests get on shutdown"),
        integer(
            "SYSTEMZERO_HEADER_TIMEOUT", key: "header_timeout", \.headerTimeoutSeconds, 1...3_600,
            "seconds a request's head may take from its first byte before the connection is closed"),
        integer(
            "SYSTEMZERO_BODY_TIMEOUT", key: "body_timeout", \.bodyTimeoutSeconds, 1...86_400,
            "seconds a request's body may take from the end of its head before the connection is closed"),
        integer(
            "SYSTEMZERO_IDLE_TIMEOUT", key: "idle_timeout", \.idleTimeoutSeconds, 1...86_400,
            "seconds a connection may go without a byte read (kept alive between requests, or stalled in one)"),
        integer(
            "SYSTEMZERO_MAX_CONNECTIONS", key: "max_connections", \.maxConnections, 1...1_000_000,
            "client connections open at once; more wait in the listen backlog"),
        choice(
            "SYSTEMZERO_LOG_LEVEL", key: "log_level", \.logLevel, ["trace", "debug", "info", "notice", "warning", "error", "critical"],
            "the application log's level", live: true),
        integer(
            "SYSTEMZERO_REQUEST_LOG_RETENTION_DAYS", key: "request_log_retention_days", \.requestLogRetentionDays, 1...3_650,
            "days of rotated request logs kept", live: true),
        choice(
            "SYSTEMZERO_REQUEST_LOG_ROTATION", key: "request_log_rotation", \.requestLogRotation, ["daily", "hourly"],
            "how often the request log is rotated"),
        boolean(
            "SYSTEMZERO_REQUEST_LOG_PROBES", key: "request_log_probes", \.requestLogProbes,
            "whether /health and /ready get request-log lines (they are counted in the metrics either way)", live: true),
        boolean(
            "SYSTEMZERO_METRICS_REQUIRE_KEY", key: "metrics_require_key", \.metricsRequireKey, "whether /metrics needs a key", live: true),
        integer(
            "SYSTEMZERO_KEY_GRACE_HOURS", key: "key_grace_hours", \.keyGraceHours, 0...8_760, "how long a rotated key keeps working",
            live: true),
        text("SYSTEMZERO_LEDGER_ORIGIN", key: "ledger_origin", \.ledgerOrigin, "the origin line of signed checkpoints"),
    ]

    static func text(
        _ name: String, aliases: [String] = [], key: String, _ path: WritableKeyPath<ServerSettings, String> & Sendable, _ meaning: String,
        live: Bool = false
    ) -> SettingDefinition {
        SettingDefinition(
            name: name, aliases: aliases, key: key, meaning: meaning, form: "a non-empty text", isSecret: false, isLive: live,
            parse: { settings, value in
                guard !value.isEmpty else { return false }
                settings[keyPath: path] = value
                return true
            }, render: { $0[keyPath: path] })
    }

    static func optionalText(
        _ name: String, aliases: [String] = [], key: String, _ path: WritableKeyPath<ServerSettings, String?> & Sendable,
        _ meaning: String, secret: Bool = false, live: Bool = false, minimumLength: Int = 1
    ) -> SettingDefinition {
        let form = minimumLength > 1 ? "a text of at least \(minimumLength) characters (empty for none)" : "a text (empty for none)"
        return SettingDefinition(
            name: name, aliases: aliases, key: key, meaning: meaning, form: form, isSecret: secret, isLive: live,
            parse: { settings, value in
                guard value.isEmpty || value.count >= minimumLength else { return false }
                settings[keyPath: path] = value.isEmpty ? nil : value
                return true
            }, render: { $0[keyPath: path] })
    }

    static func integer(
        _ name: String, aliases: [String] = [], key: String, _ path: WritableKeyPath<ServerSettings, Int> & Sendable,
        _ range: ClosedRange<Int>, _ meaning: String, live: Bool = false
    ) -> SettingDefinition {
        SettingDefinition(
            name: name, aliases: aliases, key: key, meaning: meaning,
            form: "a whole number from \(range.lowerBound) to \(range.upperBound)",
            isSecret: false, isLive: live,
            parse: { settings, value in
                guard let number = Int(value.trimmingCharacters(in: .whitespaces)), range.contains(number) else { return false }
                settings[keyPath: path] = number
                return true
            }, render: { String($0[keyPath: path]) })
    }

    static func boolean(
        _ name: String, key: String, _ path: WritableKeyPath<ServerSettings, Bool> & Sendable, _ meaning: String, live: Bool = false
    ) -> SettingDefinition {
        SettingDefinition(
            name: name, aliases: [], key: key, meaning: meaning, form: "true or false", isSecret: false, isLive: live,
            parse: { settings, value in
                switch value.lowercased() {
                case "true", "1", "yes", "on": settings[keyPath: path] = true
                case "false", "0", "no", "off": settings[keyPath: path] = false
                default: return false
                }
                return true
            }, render: { String($0[keyPath: path]) })
    }

    static func choice(
        _ name: String, key: String, _ path: WritableKeyPath<ServerSettings, String> & Sendable, _ choices: [String], _ meaning: String,
        live: Bool = false
    ) -> SettingDefinition {
        SettingDefinition(
            name: name, aliases: [], key: key, meaning: meaning, form: "one of \(choices.joined(separator: ", "))", isSecret: false,
            isLive: live,
            parse: { settings, value in
                guard choices.contains(value.lowercased()) else { return false }
                settings[keyPath: path] = value.lowercased()
                return true
            }, render: { $0[keyPath: path] })
    }

    static func list(
        _ name: String, aliases: [String] = [], key: String, _ path: WritableKeyPath<ServerSettings, [String]> & Sendable,
        _ meaning: String, live: Bool = false, check: @escaping @Sendable (String) -> Bool
    ) -> SettingDefinition {
        SettingDefinition(
            name: name, aliases: aliases, key: key, meaning: meaning, form: meaning, isSecret: false, isLive: live,
            parse: { settings, value in
                let items = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard items.allSatisfy(check) else { return false }
                settings[keyPath: path] = items
                return true
            }, render: { $0[keyPath: path].joined(separator: ",") })
    }

    @Sendable static func isOrigin(_ text: String) -> Bool {
        guard text != "*", let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            return false
        }
        return url.path.isEmpty && url.query == nil
    }
}
