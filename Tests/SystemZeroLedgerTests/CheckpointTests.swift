import SystemZeroLedger
import Testing

/// Checkpoint behaviour that needs no fixtures: strict parsing, signing round trips, tamper detection.
@Suite("Checkpoints")
struct CheckpointTests {
    let root = MerkleHash.leaf(Array("root".utf8))

    @Test("tree sizes are canonical decimal UInt64")
    func treeSizes() throws {
        let body = { (size: String) in "log.example\n\(size)\n\(self.root.base64)\n" }
        #expect(try Checkpoint(parsing: body("0")).size == 0)
        #expect(try Checkpoint(parsing: body("18446744073709551615")).size == UInt64.max)
        for bad in ["", "007", "00", "+5", "-0", " 5", "5 ", "18446744073709551616", "1e3", "٣"] {
            #expect(throws: CheckpointError.invalidTreeSize, "\(bad)") { try Checkpoint(parsing: body(bad)) }
        }
    }

    @Test("format and parse round-trip, with extension lines")
    func roundTrip() throws {
        let checkpoint = try Checkpoint(origin: "log.example/a", size: 12, rootHash: self.root, extensionLines: ["ext one", "— two"])
        #expect(checkpoint.text == "log.example/a\n12\n\(self.root.base64)\next one\n— two\n")
        let parsed = try Checkpoint(parsing: checkpoint.text)
        #expect(parsed == checkpoint)
        #expect(parsed.extensionLines == ["ext one", "— two"])
        #expect(throws: CheckpointError.emptyOrigin) { try Checkpoint(origin: "", size: 1, rootHash: self.root) }
        #expect(throws: CheckpointError.invalidCharacter) { try Checkpoint(origin: "a\nb", size: 1, rootHash: self.root) }
        #expect(throws: CheckpointError.emptyExtensionLine) {
            try Checkpoint(origin: "a", size: 1, rootHash: self.root, extensionLines: [""])
        }
    }

    @Test("sign a checkpoint of a real tree, open it, and check a proof against its root")
    func signAndOpen() throws {
        let tree = InMemoryMerkleTree(entries: sampleEntries(count: 123, seed: 9))
        let key = try NoteSignerKey.generate(name: "log.example/ledger")
        let witness = try NoteSignerKey.generate(name: "witness.example")
        let checkpoint = try Checkpoint(origin: "log.example/ledger", size: tree.size, rootHash: tree.root)
        let note = try checkpoint.signed(by: [key])

        let opened = try Checkpoint.open(note.bytes, verifiers: [key.verifierKey], expectedOrigin: "log.example/ledger")
        #expect(opened.checkpoint == checkpoint)
        #expect(opened.note.verifiedSignatures.map(\.name) == ["log.example/ledger"])
        let proof = try tree.inclusionProof(index: 77, treeSize: opened.checkpoint.size)
        #expect(throws: Never.self) {
            try MerkleProof.verifyInclusion(
                leafHash: tree.leafHashes[77], index: 77, treeSize: opened.checkpoint.size, proof: proof, root: opened.checkpoint.rootHash)
        }

        #expect(throws: CheckpointError.originMismatch(expected: "log.example/other", actual: "log.example/ledger")) {
            try Checkpoint.open(note.bytes, verifiers: [key.verifierKey], expectedOrigin: "log.example/other")
        }
        #expect(throws: CheckpointError.note(.noVerifiedSignatures)) { try Checkpoint.open(note.bytes, verifiers: [witness.verifierKey]) }

        // A witness cosignature is appended; requiring both keys works, and a forged copy of the log's line under the witness name fails.
        let cosigned = try note.adding(signaturesBy: [witness])
        let both = try Checkpoint.open(cosigned.bytes, verifiers: [key.verifierKey, witness.verifierKey])
        #expect(both.note.verifiedSignatures.map(\.name) == ["log.example/ledger", "witness.example"])
        let forged = try SignedNote(
            text: note.text,
            signatures: [try NoteSignature(name: "witness.example", keyID: witness.keyID, signature: note.signatures[0].signature)])
        #expect(throws: CheckpointError.note(.invalidSignature(name: "witness.example", keyID: witness.keyID))) {
            try Checkpoint.open(forged.bytes, verifiers: [witness.verifierKey])
        }
    }

    @Test("a flipped bit anywhere in a signed checkpoint is rejected")
    func bitFlips() throws {
        let key = try NoteSignerKey.generate(name: "log.example/flip")
        let bytes = try Checkpoint(origin: "log.example/flip", size: 4242, rootHash: self.root, extensionLines: ["note"])
            .signed(by: [key]).bytes
        #expect(throws: Never.self) { try Checkpoint.open(bytes, verifiers: [key.verifierKey]) }
        for bit in 0..<(bytes.count * 8) {
            #expect(throws: CheckpointError.self, "bit \(bit)") {
                try Checkpoint.open(TestBytes.flipping(bytes, bit: bit), verifiers: [key.verifierKey])
            }
        }
    }
}
