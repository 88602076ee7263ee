import Crypto
import Foundation
import SystemZeroLedger

/// The plaintext form of a key, `sz_<id>_<secret>`: a 12-hex-digit public id and 256 random bits, base64url.
public struct APIKeySecret: Sendable, Hashable {
    public static let prefix = "sz_"

    public let id: String
    let secret: String

    /// The key as handed to its owner, once.
    public var plaintext: String { "\(Self.prefix)\(id)_\(secret)" }

    /// A new random key.
    public static func generate() -> APIKeySecret {
        var generator = SystemRandomNumberGenerator()
        let idBytes = (0..<6).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let secretBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let id = idBytes.map { String(format: "%02x", $0) }.joined()
        let secret = Data(secretBytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return APIKeySecret(id: id, secret: secret)
    }

    /// Splits a presented key, or `nil` when it does not have the key's shape.
    public init?(parsing text: Substring) {
        guard text.hasPrefix(Self.prefix), text.utf8.count <= 128 else { return nil }
        let rest = text.dropFirst(Self.prefix.count)
        guard let underscore = rest.firstIndex(of: "_") else { return nil }
        let id = rest[..<underscore]
        let secret = rest[rest.index(after: underscore)...]
        guard id.utf8.count == 12, id.utf8.allSatisfy(Self.isHex), secret.utf8.count >= 43, secret.utf8.allSatisfy(Self.isBase64URL) else {
            return nil
        }
        self.init(id: String(id), secret: String(secret))
    }

    init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// Lower-case hex SHA-256 of the secret part.
    public var secretHash: String { Self.hash(secret) }

    static func hash(_ text: String) -> String {
        Hash32(SHA256.hash(data: Array(text.utf8))).hex
    }

    /// Compares two equal-length hex digests without an early exit.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    private static func isHex(_ byte: UInt8) -> Bool { (48...57).contains(byte) || (97...102).contains(byte) }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 95
    }
}
