import Crypto
import Foundation

/// A note verifier key, parsed from (and formatted as) the vkey string
/// `<name>+<8 hex digit key ID>+<base64(type byte ‖ key material)>`.
///
/// Ed25519 keys (type 0x01) are the standard; ECDSA P-256 (0x02), Ed25519 cosignature/v1 (0x04) and
/// RFC 6962 tree-head keys (0x05) are also verified. Parsing checks the key ID against the one derived
/// from the name and key, so a vkey that parses is self-consistent.
public struct NoteVerifierKey: NoteVerifier, Sendable {
    enum PublicKey: Sendable {
        case ed25519(Curve25519.Signing.PublicKey)
        case p256(P256.Signing.PublicKey)
    }

    /// The key name.
    public let name: String
    /// The key ID.
    public let keyID: UInt32
    /// The signature algorithm.
    public let type: NoteKeyType
    /// The key material after the type byte (a raw Ed25519 key or a DER SubjectPublicKeyInfo).
    public let keyMaterial: [UInt8]
    let publicKey: PublicKey

    /// Parses a vkey string.
    ///
    /// - Throws: ``NoteKeyError`` for a malformed string, an unsupported type, a bad key or a key ID that
    ///   does not match the name and key.
    public init(parsing vkey: String) throws(NoteKeyError) {
        let (name, rest) = NoteKeyDerivation.cut(Substring(vkey))
        guard let rest else { throw .wrongNumberOfFields }
        let (keyIDField, keyField) = NoteKeyDerivation.cut(rest)
        guard let keyField else { throw .wrongNumberOfFields }
        guard NoteKeyDerivation.isValidName(String(name)) else { throw .invalidName }
        guard let declaredID = ByteEncoding.decodeHexUInt32(keyIDField) else { throw .invalidKeyIDEncoding }
        guard let key = ByteEncoding.decodeBase64(keyField), let typeByte = key.first else { throw .invalidKeyEncoding }
        try self.init(name: String(name), typeByte: typeByte, keyMaterial: Array(key.dropFirst()), declaredID: declaredID)
    }

    /// Creates an Ed25519 verifier key (type 0x01) for `name`.
    ///
    /// - Throws: ``NoteKeyError/invalidName`` if `name` is not a valid key name.
    public init(name: String, publicKey: Curve25519.Signing.PublicKey) throws(NoteKeyError) {
        guard NoteKeyDerivation.isValidName(name) else { throw .invalidName }
        try self.init(name: name, typeByte: NoteKeyType.ed25519.rawValue, keyMaterial: Array(publicKey.rawRepresentation), declaredID: nil)
    }

    private init(name: String, typeByte: UInt8, keyMaterial: [UInt8], declaredID: UInt32?) throws(NoteKeyError) {
        guard let type = NoteKeyType(rawValue: typeByte) else { throw .unsupportedKeyType(typeByte) }
        let computedID: UInt32
        switch type {
        case .ed25519, .ed25519CosignatureV1:
            guard keyMaterial.count == 32 else { throw .invalidKeyLength(type: typeByte, length: keyMaterial.count) }
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyMaterial) else { throw .invalidKeyMaterial }
            self.publicKey = .ed25519(key)
            computedID = NoteKeyDerivation.keyID(name: name, type: typeByte, key: keyMaterial)
        case .ecdsaP256SHA256:
            guard let key = try? P256.Signing.PublicKey(derRepresentation: keyMaterial) else { throw .invalidKeyMaterial }
            self.publicKey = .p256(key)
            computedID = NoteKeyDerivation.prefix32(SHA256.hash(data: keyMaterial))
        case .rfc6962TreeHead:
            guard let key = try? P256.Signing.PublicKey(derRepresentation: keyMaterial) else { throw .invalidKeyMaterial }
            self.publicKey = .p256(key)
            let logID = SHA256.hash(data: keyMaterial)
            computedID = NoteKeyDerivation.keyID(name: name, type: typeByte, key: Array(logID))
        }
        if let declaredID, declaredID != computedID { throw .keyIDMismatch(declared: declaredID, computed: computedID) }
        self.name = name
        self.keyID = computedID
        self.type = type
        self.keyMaterial = keyMaterial
    }

    /// The vkey string form.
    public var vkey: String {
        "\(self.name)+\(NoteKeyDerivation.hex(self.keyID))+\(ByteEncoding.base64([self.type.rawValue] + self.keyMaterial))"
    }
}

extension NoteVerifierKey: Hashable {
    /// Keys are equal when name (byte for byte), type and key material are equal.
    public static func == (lhs: NoteVerifierKey, rhs: NoteVerifierKey) -> Bool {
        lhs.name.utf8.elementsEqual(rhs.name.utf8) && lhs.type == rhs.type && lhs.keyMaterial == rhs.keyMaterial
    }

    /// Hashes name bytes, type and key material.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(self.name.utf8))
        hasher.combine(self.type)
        hasher.combine(self.keyMaterial)
    }
}

extension NoteVerifierKey: CustomStringConvertible {
    /// The vkey string.
    public var description: String { self.vkey }
}
