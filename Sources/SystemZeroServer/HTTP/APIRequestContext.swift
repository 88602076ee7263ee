import Hummingbird
import NIOCore

/// The request context of the System//Zero API: who is calling (after ``RequestIdentification``), from where, and the
/// body limit in force.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, when a valid key came with the request.
    public var identity: APIIdentity?
    /// Why a presented key was refused, or `.missing` when none came.
    public var refusal: APIKeyRefusal = .missing
    /// The TCP peer's address.
    public let peerAddress: String
    /// The client's address: the peer, or the first untrusted hop of `X-Forwarded-For` behind a trusted proxy.
    public var clientAddress: String
    /// The request id, from `X-Request-ID` or made up.
    public var requestID = ""
    /// The largest body a handler will collect.
    public var maxUploadSize: Int = 1 << 20

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let address = source.channel.remoteAddress?.ipAddress ?? "unknown"
        peerAddress = address
        clientAddress = address
    }

    /// Throws the problem that fits when the caller lacks `role`: 401 without a valid key, 403 with too weak a one.
    public func require(_ role: APIRole) throws(Problem) {
        guard let identity else {
            throw Problem(.unauthorized, detail: refusal.detail, headers: [.wwwAuthenticate: "Bearer realm=\"systemzero\""])
        }
        guard identity.role >= role else {
            throw Problem(.forbidden, detail: "This endpoint needs the \(role.rawValue) role; the key has \(identity.role.rawValue).")
        }
    }
}
