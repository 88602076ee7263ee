/// Why a signed note was rejected, or could not be created.
public enum SignedNoteError: Error, Hashable, Sendable {
    /// The note is not valid UTF-8.
    case invalidUTF8
    /// The note contains an ASCII control character other than newline.
    case controlCharacter
    /// There is no blank line separating the text from the signature block.
    case missingSignatureBlock
    /// The signature block is empty: the note has no signature lines.
    case missingSignatures
    /// The note (its last signature line, or its text) does not end with a newline.
    case missingTrailingNewline
    /// Signature line `line` (0-based within the signature block) is not `— <name> <base64(key ID ‖ signature)>`.
    case malformedSignatureLine(line: Int)
    /// The note has more signature lines than ``SignedNote/maximumSignatureCount``.
    case tooManySignatures
    /// A signer or signature has an invalid key name.
    case invalidKeyName
    /// More than one of the given verifiers has this name and key ID.
    case ambiguousVerifier(name: String, keyID: UInt32)
    /// A signature by a known key does not verify.
    case invalidSignature(name: String, keyID: UInt32)
    /// No signature was made by any of the given verifiers' keys.
    case noVerifiedSignatures
    /// A signer failed to produce a signature.
    case signingFailed(name: String)
}
