import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Works out who is calling and from where, before anything else looks at the request (``RequestEnvelopeMiddleware``
/// runs it first):
/// - the request id, from `X-Request-ID` (up to 128 visible characters) or made up, echoed in the response;
/// - the client address: the TCP peer, or, when the peer is a trusted proxy, the last address in `X-Forwarded-For`
///   that is not a trusted proxy (``TrustedProxies``: addresses and CIDR ranges);
/// - the identity, from `X-API-Key` or `Authorization: Bearer`. A missing or refused key is not an error here:
///   endpoints that need a role refuse the request themselves (see ``APIRequestContext/require(_:)``).
public struct RequestIdentification: Sendable {
    let keys: APIKeyStore
    let trustedProxies: LockedValue<TrustedProxies>
    static let requestIDHeader = HTTPField.Name("X-Request-ID")!
    static let apiKeyHeader = HTTPField.Name("X-API-Key")!

    /// Identification checking keys against `keys` and believing `X-Forwarded-For` from `trustedProxies`.
    public init(keys: APIKeyStore, trustedProxies: LockedValue<TrustedProxies>) {
        self.keys = keys
        self.trustedProxies = trustedProxies
    }

    /// Fills in the context's request id, client address and identity (or refusal).
    public func identify(_ request: Request, context: inout APIRequestContext) {
        if let given = request.headers[Self.requestIDHeader], given.utf8.count <= 128, given.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) {
            context.requestID = given
        } else {
            context.requestID = Self.makeRequestID()
        }
        context.clientAddress = clientAddress(request, peer: context.peerAddress)
        switch Self.presentedKey(request.headers) {
        case .success(let presented?):
            switch keys.authenticate(presented) {
            case .success(let identity): context.identity = identity
            case .failure(let refusal): context.refusal = refusal
            }
        case .success(nil):
            break
        case .failure(let refusal):
            context.refusal = refusal
        }
    }

    /// Request ids made here: a random prefix drawn once per process and a counter, in the text form of a version-4
    /// UUID. Unique within a process by the counter and across processes by the prefix, and made without a system
    /// call (this runs on every request that brings no `X-Request-ID`).
    static let requestIDPrefix: UInt64 = .random(in: .min ... .max) & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000
    static let requestIDSalt: UInt64 = .random(in: .min ... .max)
    static let requestCounter = Atomic<UInt64>(0)
    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func makeRequestID() -> String {
        let count = requestCounter.wrappingAdd(1, ordering: .relaxed).newValue
        let low = (count ^ requestIDSalt) & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            for (word, start) in [(requestIDPrefix, 0), (low, 16)] {
                for nibble in 0..<16 {
                    let digit = start + nibble
                    if digit == 8 || digit == 12 || digit == 16 || digit == 20 {
                        buffer[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    buffer[position] = hexDigits[Int((word >> UInt64(60 - 4 * nibble)) & 0xF)]
                    position += 1
                }
            }
            return position
        }
    }

    /// The key from `X-API-Key`, else from `Authorization: Bearer <key>` (RFC 6750; the scheme in any case); `nil` for
    /// none, `.notBearer` for an `Authorization` header of another form, which is refused rather than guessed at.
    static func presentedKey(_ headers: HTTPFields) -> Result<Substring?, APIKeyRefusal> {
        if let key = headers[apiKeyHeader] { return .success(Substring(key)) }
        guard let authorization = headers[.authorization] else { return .success(nil) }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return .failure(.notBearer) }
        return .success(parts[1].drop { $0 == " " })
    }

    func clientAddress(_ request: Request, peer: String) -> String {
        let trusted = trustedProxies.value
        guard !trusted.isEmpty else { return peer }
        guard trusted.contains(peer), let forwarded = request.headers[.init("X-Forwarded-For")!] else { return peer }
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        // The nearest hop that is not a trusted proxy is the client; anything that is not an address ends the search.
        for hop in hops.reversed() where !trusted.contains(hop) {
            return AddressRange.bytes(of: hop) != nil ? hop : peer
        }
        return peer
    }
}
