/// Something that can check note signatures made by one named key.
///
/// ``NoteVerifierKey`` is the standard implementation; conform your own type to plug in other key stores.
public protocol NoteVerifier: Sendable {
    /// The key name, as it appears on signature lines.
    var name: String { get }
    /// The 32-bit key ID, as it prefixes the signature bytes.
    var keyID: UInt32 { get }
    /// Whether `signature` (without the key ID prefix) is a valid signature of the note `text` bytes.
    func isValidSignature(_ signature: [UInt8], for text: [UInt8]) -> Bool
}

/// Something that can sign notes with one named key.
///
/// ``NoteSignerKey`` is the standard (Ed25519) implementation.
public protocol NoteSigner: Sendable {
    /// The key name, written on the signature line.
    var name: String { get }
    /// The 32-bit key ID, written before the signature bytes.
    var keyID: UInt32 { get }
    /// Signs the note `text` bytes; returns the signature without the key ID prefix.
    func signature(for text: [UInt8]) throws(SignedNoteError) -> [UInt8]
}
