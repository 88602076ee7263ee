import NIOCore

/// What a client connection may cost: how long a request's head and body may take to arrive, how long a connection
/// may sit idle, and how many may be open at once. Slow or idle clients are cut off, so they cannot hold connections
/// (and file descriptors) that others need.
public struct ConnectionLimits: Sendable, Hashable {
    /// From a request's first byte to the end of its head (`SYSTEMZERO_HEADER_TIMEOUT`).
    public var headerTimeout: Duration
    /// From the end of a request's head to the end of its body (`SYSTEMZERO_BODY_TIMEOUT`).
    public var bodyTimeout: Duration
    /// With no byte read: between requests on a kept-alive connection, and within a request (`SYSTEMZERO_IDLE_TIMEOUT`).
    public var idleTimeout: Duration
    /// Connections open at once; more wait in the listen backlog (`SYSTEMZERO_MAX_CONNECTIONS`). Hummingbird may take one
    /// more before it stops accepting.
    public var maxConnections: Int

    /// Connections the kernel holds for the server before it accepts them (at most `net.core.somaxconn`): room for a
    /// burst of clients, and for those that wait while ``maxConnections`` are open.
    public static let backlog = 4_096

    public init(
        headerTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(60), idleTimeout: Duration = .seconds(60),
        maxConnections: Int = 1_024
    ) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// The limits the settings give.
    public init(_ settings: ServerSettings) {
        self.init(
            headerTimeout: .seconds(settings.headerTimeoutSeconds), bodyTimeout: .seconds(settings.bodyTimeoutSeconds),
            idleTimeout: .seconds(settings.idleTimeoutSeconds), maxConnections: settings.maxConnections)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
