/// A signed note whose signatures have been checked against a set of verifiers.
public struct VerifiedNote: Hashable, Sendable {
    /// The note as parsed.
    public let note: SignedNote
    /// Signatures by known keys that verified (one per key; repeats are dropped).
    public let verifiedSignatures: [NoteSignature]
    /// Signatures by keys that were not among the verifiers (identical repeats are dropped).
    public let unverifiedSignatures: [NoteSignature]

    /// The signed text.
    public var text: String { self.note.text }
}

extension SignedNote {
    /// Checks the signatures against `verifiers`, as golang.org/x/mod/sumdb/note `Open` does.
    ///
    /// Signatures by unknown keys (no verifier with that name and key ID) are ignored but reported; every
    /// signature by a known key must be valid, and at least one must be present.
    ///
    /// - Throws: ``SignedNoteError/invalidSignature(name:keyID:)``, ``SignedNoteError/noVerifiedSignatures``
    ///   or ``SignedNoteError/ambiguousVerifier(name:keyID:)``.
    public func verify(using verifiers: [any NoteVerifier]) throws(SignedNoteError) -> VerifiedNote {
        let textBytes = Array(self.text.utf8)
        var verified: [NoteSignature] = []
        var unverified: [NoteSignature] = []
        var seenKeys = Set<KeyReference>()
        var seenUnverified = Set<NoteSignature>()
        for signature in self.signatures {
            let reference = KeyReference(name: Array(signature.name.utf8), keyID: signature.keyID)
            let candidates = verifiers.filter {
                $0.keyID == signature.keyID && $0.name.utf8.elementsEqual(reference.name)
            }
            guard let verifier = candidates.first else {
                if seenUnverified.insert(signature).inserted { unverified.append(signature) }
                continue
            }
            guard candidates.count == 1 else { throw .ambiguousVerifier(name: signature.name, keyID: signature.keyID) }
            guard seenKeys.insert(reference).inserted else { continue }
            guard verifier.isValidSignature(signature.signature, for: textBytes) else {
                throw .invalidSignature(name: signature.name, keyID: signature.keyID)
            }
            verified.append(signature)
        }
        guard !verified.isEmpty else { throw .noVerifiedSignatures }
        return VerifiedNote(note: self, verifiedSignatures: verified, unverifiedSignatures: unverified)
    }

    /// Parses and verifies a signed note in one step.
    public static func open(_ bytes: some Collection<UInt8>, verifiers: [any NoteVerifier]) throws(SignedNoteError) -> VerifiedNote {
        try SignedNote(parsing: bytes).verify(using: verifiers)
    }
}

/// A key name (as bytes) and key ID.
private struct KeyReference: Hashable {
    var name: [UInt8]
    var keyID: UInt32
}
