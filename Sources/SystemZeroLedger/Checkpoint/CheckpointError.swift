/// Why a checkpoint was rejected, or could not be created.
public enum CheckpointError: Error, Hashable, Sendable {
    /// The body does not end with a newline.
    case missingTrailingNewline
    /// The body has fewer than the three mandatory lines (origin, tree size, root hash).
    case missingLines
    /// The origin line is empty.
    case emptyOrigin
    /// The origin or an extension line contains a newline or another control character.
    case invalidCharacter
    /// The tree size is not a decimal `UInt64` without sign or leading zeros.
    case invalidTreeSize
    /// The root hash is not canonical base64 of exactly 32 bytes.
    case invalidRootHash
    /// An extension line is empty (C2SP tlog-checkpoint: extension lines must be non-empty).
    case emptyExtensionLine
    /// The checkpoint's origin is not the one the caller expected.
    case originMismatch(expected: String, actual: String)
    /// The signed note around the checkpoint was rejected.
    case note(SignedNoteError)
}
