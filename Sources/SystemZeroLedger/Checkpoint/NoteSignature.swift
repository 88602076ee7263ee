/// One signature line of a signed note: `— <name> <base64(key ID ‖ signature)>`.
public struct NoteSignature: Sendable {
    /// The key name.
    public let name: String
    /// The 32-bit key ID (first four bytes of the decoded signature field, big-endian).
    public let keyID: UInt32
    /// The signature bytes after the key ID.
    public let signature: [UInt8]

    /// Creates a signature line.
    ///
    /// - Throws: ``SignedNoteError/invalidKeyName`` if `name` is not a valid key name, and
    ///   ``SignedNoteError/malformedSignatureLine(line:)`` if `signature` is empty.
    public init(name: String, keyID: UInt32, signature: [UInt8]) throws(SignedNoteError) {
        guard NoteKeyDerivation.isValidName(name) else { throw .invalidKeyName }
        guard !signature.isEmpty else { throw .malformedSignatureLine(line: 0) }
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    /// The base64 field of the signature line: `base64(key ID ‖ signature)`.
    public var base64: String {
        ByteEncoding.base64(NoteKeyDerivation.bigEndianBytes(self.keyID) + self.signature)
    }

    /// The full line, without its trailing newline.
    public var line: String {
        "\u{2014} \(self.name) \(self.base64)"
    }

    /// For a cosignature/v1 signature (an 8-byte timestamp followed by a 64-byte Ed25519 signature), the
    /// timestamp in seconds since the Unix epoch; `nil` if the signature is not that shape.
    public var cosignatureTimestamp: UInt64? {
        guard self.signature.count == 8 + 64 else { return nil }
        return NoteVerifierKey.bigEndianUInt64(self.signature.prefix(8))
    }
}

extension NoteSignature: Hashable {
    /// Equal when name bytes, key ID and signature bytes are equal.
    public static func == (lhs: NoteSignature, rhs: NoteSignature) -> Bool {
        lhs.keyID == rhs.keyID && lhs.signature == rhs.signature && lhs.name.utf8.elementsEqual(rhs.name.utf8)
    }

    /// Hashes name bytes, key ID and signature bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(self.name.utf8))
        hasher.combine(self.keyID)
        hasher.combine(self.signature)
    }
}
