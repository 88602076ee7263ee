import Foundation

/// One API key as stored in `config/api_keys.yaml`: metadata and the SHA-256 of its secret, never the key itself.
public struct APIKeyRecord: Sendable, Hashable {
    /// The public part of the key, `sz_<id>_…`; names the key in logs and the API.
    public var id: String
    public var name: String
    public var role: APIRole
    /// Lower-case hex SHA-256 of the secret part.
    public var secretHash: String
    public var created: Date
    public var expires: Date?
    /// The key this one replaced, when made by a rotation.
    public var rotatedFrom: String?
    /// When a rotation replaced this key: it keeps working until ``graceUntil``.
    public var graceUntil: Date?
    public var revoked: Date?

    public init(
        id: String, name: String, role: APIRole, secretHash: String, created: Date, expires: Date? = nil, rotatedFrom: String? = nil,
        graceUntil: Date? = nil, revoked: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.created = created
        self.expires = expires
        self.rotatedFrom = rotatedFrom
        self.graceUntil = graceUntil
        self.revoked = revoked
    }

    /// Why the key is refused at `now`, or `nil` when it works.
    public func refusal(at now: Date) -> APIKeyRefusal? {
        if revoked != nil { return .revoked }
        if let expires, now >= expires { return .expired }
        if let graceUntil, now >= graceUntil { return .rotated }
        return nil
    }
}

/// Why a presented key does not authenticate.
public enum APIKeyRefusal: String, Error, Sendable, Hashable {
    case missing, malformed, unknown, revoked, expired, rotated
    /// An `Authorization` header of another scheme than `Bearer` (a bare key, `Basic …`).
    case notBearer

    /// The problem detail sent back.
    public var detail: String {
        switch self {
        case .missing: "This endpoint needs an API key: send X-API-Key or Authorization: Bearer."
        case .malformed: "The API key is malformed: keys look like sz_<id>_<secret>."
        case .unknown: "The API key is not known."
        case .revoked: "The API key was revoked."
        case .expired: "The API key has expired."
        case .rotated: "The API key was rotated and its grace period is over."
        case .notBearer: "The Authorization header must use the Bearer scheme: Authorization: Bearer <key> (or send X-API-Key)."
        }
    }
}
