/// A C2SP signed note: UTF-8 text ending in a newline, a blank line, then one or more signature lines
/// `— <key name> <base64(4-byte key ID ‖ signature)>`, each ending in a newline.
///
/// Parsing checks structure only; use ``verify(using:)`` (or ``open(_:verifiers:)``) to check signatures.
/// The rules follow golang.org/x/mod/sumdb/note `Open`: valid UTF-8 with no control characters other
/// than newline, the signature block after the *last* blank line, every line in it a well-formed
/// signature line, at most ``maximumSignatureCount`` of them, and a final newline.
public struct SignedNote: Sendable {
    /// The most signature lines a note may carry (C2SP requires verifiers to accept at least 16).
    public static let maximumSignatureCount = 100

    /// The signed text, ending in a newline.
    public let text: String
    /// The signature lines, in order, including any by unknown keys.
    public let signatures: [NoteSignature]

    /// Assembles a note from text and signatures.
    ///
    /// - Throws: ``SignedNoteError`` if the text is not valid note text (ends in a newline, no control
    ///   characters but newline) or there are no, or too many, signatures.
    public init(text: String, signatures: [NoteSignature]) throws(SignedNoteError) {
        try Self.validateText(Array(text.utf8))
        guard !signatures.isEmpty else { throw .missingSignatures }
        guard signatures.count <= Self.maximumSignatureCount else { throw .tooManySignatures }
        self.text = text
        self.signatures = signatures
    }

    /// Parses a signed note from its exact bytes.
    public init(parsing bytes: some Collection<UInt8>) throws(SignedNoteError) {
        let message = Array(bytes)
        guard String(validating: message, as: UTF8.self) != nil else { throw .invalidUTF8 }
        guard !message.contains(where: { $0 < 0x20 && $0 != 0x0A }) else { throw .controlCharacter }

        // The signature block follows the last blank line.
        guard let split = Self.lastIndexOfBlankLine(message) else { throw .missingSignatureBlock }
        let textEnd = split + 1
        let block = message[(split + 2)...]
        guard !block.isEmpty else { throw .missingSignatures }
        guard block.last == 0x0A else { throw .missingTrailingNewline }

        var signatures: [NoteSignature] = []
        for (number, line) in block.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard signatures.count < Self.maximumSignatureCount else { throw .tooManySignatures }
            signatures.append(try Self.parseSignatureLine(line, number: number))
        }
        self.text = String(decoding: message[..<textEnd], as: UTF8.self)
        self.signatures = signatures
    }

    /// Parses a signed note from a string (its UTF-8 bytes).
    public init(parsing string: String) throws(SignedNoteError) {
        try self.init(parsing: Array(string.utf8))
    }

    /// The exact bytes of the note: text, blank line, signature lines.
    public var bytes: [UInt8] {
        Array(self.serialized.utf8)
    }

    /// The note as a string: text, blank line, signature lines.
    public var serialized: String {
        self.text + "\n" + self.signatures.map { $0.line + "\n" }.joined()
    }

    /// Signs `text` with each signer, in order.
    ///
    /// - Throws: ``SignedNoteError`` if the text is not valid note text, a signer has an invalid name,
    ///   or signing fails.
    public static func sign(text: String, signers: [any NoteSigner]) throws(SignedNoteError) -> SignedNote {
        let textBytes = Array(text.utf8)
        try Self.validateText(textBytes)
        var signatures: [NoteSignature] = []
        for signer in signers {
            let signature = try signer.signature(for: textBytes)
            signatures.append(try NoteSignature(name: signer.name, keyID: signer.keyID, signature: signature))
        }
        return try SignedNote(text: text, signatures: signatures)
    }

    /// A copy with more signatures over the same text appended (for example a witness cosigning).
    public func adding(signaturesBy signers: [any NoteSigner]) throws(SignedNoteError) -> SignedNote {
        let added = try Self.sign(text: self.text, signers: signers)
        return try SignedNote(text: self.text, signatures: self.signatures + added.signatures)
    }

    // MARK: - Parsing helpers

    private static let signaturePrefix: [UInt8] = Array("\u{2014} ".utf8)

    static func validateText(_ text: [UInt8]) throws(SignedNoteError) {
        guard text.last == 0x0A else { throw .missingTrailingNewline }
        guard !text.contains(where: { $0 < 0x20 && $0 != 0x0A }) else { throw .controlCharacter }
    }

    private static func lastIndexOfBlankLine(_ message: [UInt8]) -> Int? {
        guard message.count >= 2 else { return nil }
        var index = message.count - 2
        while index >= 0 {
            if message[index] == 0x0A, message[index + 1] == 0x0A { return index }
            index -= 1
        }
        return nil
    }

    private static func parseSignatureLine(_ line: ArraySlice<UInt8>, number: Int) throws(SignedNoteError) -> NoteSignature {
        guard line.starts(with: Self.signaturePrefix) else { throw .malformedSignatureLine(line: number) }
        let rest = line.dropFirst(Self.signaturePrefix.count)
        guard let space = rest.firstIndex(of: 0x20) else { throw .malformedSignatureLine(line: number) }
        let name = String(decoding: rest[..<space], as: UTF8.self)
        let field = String(decoding: rest[(space + 1)...], as: UTF8.self)
        guard NoteKeyDerivation.isValidName(name), let decoded = ByteEncoding.decodeBase64(field), decoded.count >= 5 else {
            throw .malformedSignatureLine(line: number)
        }
        let keyID = decoded.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return try NoteSignature(name: name, keyID: keyID, signature: Array(decoded.dropFirst(4)))
    }
}

extension SignedNote: Hashable {
    /// Equal when the text bytes and the signatures are equal.
    public static func == (lhs: SignedNote, rhs: SignedNote) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8) && lhs.signatures == rhs.signatures
    }

    /// Hashes the text bytes and the signatures.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(self.text.utf8))
        hasher.combine(self.signatures)
    }
}
