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
        // On the UTF-8 view: every valid key is ASCII, and this runs on every authenticated request.
        let bytes = text.utf8
        guard bytes.count <= 128, bytes.starts(with: Self.prefix.utf8) else { return nil }
        let rest = bytes.dropFirst(Self.prefix.utf8.count)
        guard let underscore = rest.firstIndex(of: UInt8(ascii: "_")) else { return nil }
        let id = rest[..<underscore]
        let secret = rest[rest.index(after: underscore)...]
        guard id.count == 12, id.allSatisfy(Self.isHex), secret.count >= 43, secret.allSatisfy(Self.isBase64URL),
            let idText = String(id), let secretText = String(secret)
        else { return nil }
        self.init(id: idText, secret: secretText)
    }

    init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// Lower-case hex SHA-256 of the secret part.
    public var secretHash: String { Self.hash(secret) }

    static func hash(_ text: String) -> String {
        var text = text
        return text.withUTF8 { Hash32(SHA256.hash(data: UnsafeRawBufferPointer($0))).hex }
    }

    /// Compares two equal-length hex digests without an early exit.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(a.utf8, b.utf8) { difference |= left ^ right }
        return difference == 0
    }

    private static func isHex(_ byte: UInt8) -> Bool { (48...57).contains(byte) || (97...102).contains(byte) }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 95
    }
}
