import Crypto
import Foundation

/// An Ed25519 note signing key, parsed from (and formatted as) the golang.org/x/mod/sumdb/note private key
/// string `PRIVATE+KEY+<name>+<8 hex digit key ID>+<base64(0x01 ‖ 32-byte seed)>`.
///
/// The key ID is `SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]`. Its `description` never shows the secret.
public struct NoteSignerKey: NoteSigner, Sendable {
    private static let prefix = "PRIVATE+KEY+"

    /// The key name.
    public let name: String
    /// The key ID.
    public let keyID: UInt32
    private let privateKey: Curve25519.Signing.PrivateKey

    /// Parses a private key string.
    ///
    /// - Throws: ``NoteKeyError`` for a malformed string, a non-Ed25519 type, a bad seed or a key ID that
    ///   does not match the name and derived public key.
    public init(parsing skey: String) throws(NoteKeyError) {
        guard skey.hasPrefix(Self.prefix) else {
            throw skey.contains("+") ? .missingPrivateKeyPrefix : .wrongNumberOfFields
        }
        let (name, rest) = NoteKeyDerivation.cut(skey.dropFirst(Self.prefix.count))
        guard let rest else { throw .wrongNumberOfFields }
        let (keyIDField, keyField) = NoteKeyDerivation.cut(rest)
        guard let keyField else { throw .wrongNumberOfFields }
        guard NoteKeyDerivation.isValidName(String(name)) else { throw .invalidName }
        guard let declaredID = ByteEncoding.decodeHexUInt32(keyIDField) else { throw .invalidKeyIDEncoding }
        guard let key = ByteEncoding.decodeBase64(keyField), let typeByte = key.first else { throw .invalidKeyEncoding }
        guard typeByte == NoteKeyType.ed25519.rawValue else { throw .unsupportedKeyType(typeByte) }
        let seed = key.dropFirst()
        guard seed.count == 32 else { throw .invalidKeyLength(type: typeByte, length: seed.count) }
        guard let privateKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: Array(seed)) else { throw .invalidKeyMaterial }
        try self.init(name: String(name), privateKey: privateKey)
        guard self.keyID == declaredID else { throw .keyIDMismatch(declared: declaredID, computed: self.keyID) }
    }

    /// Wraps an Ed25519 private key under `name`.
    ///
    /// - Throws: ``NoteKeyError/invalidName`` if `name` is not a valid key name.
    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws(NoteKeyError) {
        guard NoteKeyDerivation.isValidName(name) else { throw .invalidName }
        self.name = name
        self.privateKey = privateKey
        self.keyID = NoteKeyDerivation.keyID(
            name: name,
            type: NoteKeyType.ed25519.rawValue,
            key: Array(privateKey.publicKey.rawRepresentation)
        )
    }

    /// Generates a new random Ed25519 key named `name`.
    public static func generate(name: String) throws(NoteKeyError) -> NoteSignerKey {
        try NoteSignerKey(name: name, privateKey: Curve25519.Signing.PrivateKey())
    }

    /// The matching verifier key.
    public var verifierKey: NoteVerifierKey {
        // The name was validated on creation and the key is a valid Ed25519 key, so this cannot fail.
        guard let key = try? NoteVerifierKey(name: self.name, publicKey: self.privateKey.publicKey) else {
            preconditionFailure("a valid signer key always has a valid verifier key")
        }
        return key
    }

    /// The secret private key string (`PRIVATE+KEY+…`). Handle with care.
    public var privateKeyString: String {
        let material = [NoteKeyType.ed25519.rawValue] + Array(self.privateKey.rawRepresentation)
        return "\(Self.prefix)\(self.name)+\(NoteKeyDerivation.hex(self.keyID))+\(ByteEncoding.base64(material))"
    }

    /// Signs the note text with Ed25519.
    ///
    /// - Throws: ``SignedNoteError/signingFailed(name:)`` if the crypto backend fails.
    public func signature(for text: [UInt8]) throws(SignedNoteError) -> [UInt8] {
        do {
            return Array(try self.privateKey.signature(for: text))
        } catch {
            throw .signingFailed(name: self.name)
        }
    }
}

extension NoteSignerKey: CustomStringConvertible, CustomDebugStringConvertible {
    /// `NoteSignerKey(<name>+<key ID>)`, without the secret.
    public var description: String { "NoteSignerKey(\(self.name)+\(NoteKeyDerivation.hex(self.keyID)))" }
    /// Same as ``description``.
    public var debugDescription: String { self.description }
}
