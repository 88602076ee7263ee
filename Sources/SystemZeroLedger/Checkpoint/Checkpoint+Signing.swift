/// A checkpoint taken from a signed note whose signatures verified.
public struct VerifiedCheckpoint: Hashable, Sendable {
    /// The checkpoint body.
    public let checkpoint: Checkpoint
    /// The verified note it came from, with its verified and unverified signatures.
    public let note: VerifiedNote
}

extension Checkpoint {
    /// Signs the checkpoint body with each signer, producing a signed note.
    ///
    /// Ed25519 signatures from swift-crypto may be randomised, so compare results by verifying, not by bytes.
    public func signed(by signers: [any NoteSigner]) throws(CheckpointError) -> SignedNote {
        do {
            return try SignedNote.sign(text: self.text, signers: signers)
        } catch {
            throw .note(error)
        }
    }

    /// Parses a signed checkpoint, verifies its signatures and, if given, checks its origin.
    ///
    /// - Parameters:
    ///   - bytes: The exact bytes of the signed note.
    ///   - verifiers: The keys to trust; at least one must have signed, and all signatures by them must verify.
    ///   - expectedOrigin: The origin the caller expects (compared byte for byte), or `nil` to accept any.
    public static func open(
        _ bytes: some Collection<UInt8>,
        verifiers: [any NoteVerifier],
        expectedOrigin: String? = nil
    ) throws(CheckpointError) -> VerifiedCheckpoint {
        let note: VerifiedNote
        do {
            note = try SignedNote.open(bytes, verifiers: verifiers)
        } catch {
            throw .note(error)
        }
        let checkpoint = try Checkpoint(parsing: note.text)
        if let expectedOrigin, !checkpoint.origin.utf8.elementsEqual(expectedOrigin.utf8) {
            throw .originMismatch(expected: expectedOrigin, actual: checkpoint.origin)
        }
        return VerifiedCheckpoint(checkpoint: checkpoint, note: note)
    }
}
