import Crypto
import Foundation
import SystemZeroLedger
import Testing

@Suite("Signed notes", .enabled(if: Fixtures.available, Fixtures.absentComment))
struct SignedNoteTests {
    let vectors: SignedNoteVectors

    init() throws {
        self.vectors = try SignedNoteVectors.load()
    }

    private func verifiers(_ ids: [String]) throws -> [any NoteVerifier] {
        try ids.map { try NoteVerifierKey(parsing: try self.vectors.key($0).vkey) }
    }

    /// The Go x/mod example note (text plus one PeterNeumann signature), from the vectors.
    private func peterNote() throws -> (text: String, signatureLine: String) {
        let vector = try #require(self.vectors.notes.first { $0.desc.hasPrefix("Go x/mod TestSign") })
        let note = try #require(vector.note)
        let text = try #require(vector.text)
        return (text, String(note.dropFirst(text.count + 1)))
    }

    /// The note bytes of a vector, building the two that are described rather than spelled out.
    private func noteBytes(_ vector: SignedNoteVectors.Note) throws -> [UInt8] {
        if let note = vector.note { return Array(note.utf8) }
        let (text, signatureLine) = try self.peterNote()
        switch vector.noteConstruction {
        case "text + '\\n' + peterSigLine*101":
            return Array((text + "\n" + String(repeating: signatureLine, count: 101)).utf8)
        case "b'\\xff' + text + '\\n' + peterSigLine":
            return [0xFF] + Array((text + "\n" + signatureLine).utf8)
        default:
            throw Fixtures.Missing(description: "unknown construction \(vector.noteConstruction ?? "nil")")
        }
    }

    @Test("every accept case is accepted and every reject case rejected (Go note.Open cases)")
    func openCases() throws {
        #expect(self.vectors.notes.count == 14)
        var accepted = 0
        var rejected = 0
        for vector in self.vectors.notes {
            let bytes = try self.noteBytes(vector)
            let verifiers = try self.verifiers(vector.verifyWith)
            if vector.expect == "valid" {
                let verified = try SignedNote.open(bytes, verifiers: verifiers)
                if let text = vector.text { #expect(verified.text == text, "\(vector.desc)") }
                if let names = vector.verifiedSigs { #expect(verified.verifiedSignatures.map(\.name) == names, "\(vector.desc)") }
                #expect(verified.unverifiedSignatures.map(\.name) == (vector.unverifiedSigs ?? []), "\(vector.desc)")
                #expect(verified.note.bytes == bytes, "serialisation round trip: \(vector.desc)")
                accepted += 1
            } else {
                #expect(vector.expect == "invalid")
                #expect(throws: SignedNoteError.self, "\(vector.desc)") { try SignedNote.open(bytes, verifiers: verifiers) }
                rejected += 1
            }
        }
        #expect(accepted == 4)
        #expect(rejected == 10)
    }

    @Test("reject cases fail for the stated reason")
    func rejectReasons() throws {
        let expected: [String: SignedNoteError] = [
            "no known key -> reject ('note has no verifiable signatures')": .noVerifiedSignatures,
            "101 copies of a signature -> 'malformed note' (Go rejects >100 sigs; C2SP: verifiers MUST accept at least 16)":
                .tooManySignatures,
            "signature bytes altered (insert 'ABCD' at offset 60 of the signature line)":
                .invalidSignature(name: "PeterNeumann", keyID: 0xc74f_20a3),
            "malformed: text only, no blank line/signature": .missingSignatureBlock,
            "malformed: text + blank line, no signature": .missingSignatures,
            "malformed: missing final newline after signature": .missingTrailingNewline,
            "malformed: leading control char 0x01": .controlCharacter,
            "malformed: key name contains a space": .missingTrailingNewline,
            "malformed: trailing non-signature line after signatures": .malformedSignatureLine(line: 1),
            "malformed: leading invalid UTF-8 byte 0xff (bytes, not representable in JSON string)": .invalidUTF8,
        ]
        var checked = 0
        for vector in self.vectors.notes where vector.expect == "invalid" {
            let error = try #require(expected[vector.desc], "unlisted reject case: \(vector.desc)")
            let bytes = try self.noteBytes(vector)
            let verifiers = try self.verifiers(vector.verifyWith)
            #expect(throws: error, "\(vector.desc)") { try SignedNote.open(bytes, verifiers: verifiers) }
            checked += 1
        }
        #expect(checked == expected.count)
        // The "Bad Name" line also fails on its own once the final newline is there.
        let (text, signatureLine) = try self.peterNote()
        let badName = text + "\n" + signatureLine.replacingOccurrences(of: "PeterNeumann", with: "Bad Name")
        #expect(throws: SignedNoteError.malformedSignatureLine(line: 0)) { try SignedNote(parsing: badName) }
    }

    @Test("exactly 100 signature lines are accepted; duplicates are verified once")
    func signatureLimit() throws {
        let (text, signatureLine) = try self.peterNote()
        let note = text + "\n" + String(repeating: signatureLine, count: 100)
        let verified = try SignedNote.open(Array(note.utf8), verifiers: try self.verifiers(["peter"]))
        #expect(verified.note.signatures.count == 100)
        #expect(verified.verifiedSignatures.count == 1)
    }

    @Test("parsing does not need keys; unknown keys are reported, not trusted")
    func parseWithoutVerifying() throws {
        let vector = try #require(self.vectors.notes.first { $0.verifiedSigs == ["PeterNeumann", "EnochRoot"] })
        let note = try SignedNote(parsing: try #require(vector.note))
        #expect(note.signatures.map(\.name) == ["PeterNeumann", "EnochRoot"])
        #expect(note.signatures.map(\.keyID) == [0xc74f_20a3, 0xaf0c_fe78])
        #expect(note.signatures.allSatisfy { $0.signature.count == 64 })
        let onlyEnoch = try note.verify(using: try self.verifiers(["enoch"]))
        #expect(onlyEnoch.verifiedSignatures.map(\.name) == ["EnochRoot"])
        #expect(onlyEnoch.unverifiedSignatures.map(\.name) == ["PeterNeumann"])
        // A key with the right name but another key ID is unknown, not a failure.
        let impostor = try NoteSignerKey.generate(name: "PeterNeumann").verifierKey
        #expect(throws: SignedNoteError.noVerifiedSignatures) { try note.verify(using: [impostor]) }
        // Two verifiers for the same name and key ID are ambiguous.
        let peter = try NoteVerifierKey(parsing: try self.vectors.key("peter").vkey)
        #expect(throws: SignedNoteError.ambiguousVerifier(name: "PeterNeumann", keyID: 0xc74f_20a3)) {
            try note.verify(using: [peter, peter])
        }
    }

    @Test("signing with the vector keys produces notes that verify")
    func signWithVectorKeys() throws {
        let (text, _) = try self.peterNote()
        let peter = try NoteSignerKey(parsing: try #require(try self.vectors.key("peter").skey))
        let enochSeed = try TestBytes.hex(try #require(try self.vectors.key("enoch").ed25519SeedHex))
        let enoch = try NoteSignerKey(name: "EnochRoot", privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: enochSeed))
        let note = try SignedNote.sign(text: text, signers: [peter, enoch])
        let verified = try SignedNote.open(note.bytes, verifiers: try self.verifiers(["peter", "enoch"]))
        #expect(verified.verifiedSignatures.map(\.name) == ["PeterNeumann", "EnochRoot"])
        #expect(verified.text == text)
        // Cosigning later appends a signature over the same text.
        let first = try SignedNote.sign(text: text, signers: [peter])
        let both = try first.adding(signaturesBy: [enoch])
        #expect(try both.verify(using: try self.verifiers(["peter", "enoch"])).verifiedSignatures.count == 2)
        #expect(throws: SignedNoteError.missingTrailingNewline) { try SignedNote.sign(text: "no newline", signers: [peter]) }
        #expect(throws: SignedNoteError.controlCharacter) { try SignedNote.sign(text: "tab\there\n", signers: [peter]) }
        #expect(throws: SignedNoteError.missingSignatures) { try SignedNote.sign(text: text, signers: []) }
    }

    @Test("a flipped bit anywhere in a single-signature note is rejected")
    func bitFlips() throws {
        let (text, signatureLine) = try self.peterNote()
        let c2sp = try #require(self.vectors.notes.first { $0.desc == "C2SP spec example" })
        let cases: [([UInt8], [any NoteVerifier])] = [
            (Array((text + "\n" + signatureLine).utf8), try self.verifiers(["peter"])),
            (Array(try #require(c2sp.note).utf8), try self.verifiers(c2sp.verifyWith)),
        ]
        for (bytes, verifiers) in cases {
            #expect(throws: Never.self) { try SignedNote.open(bytes, verifiers: verifiers) }
            for bit in 0..<(bytes.count * 8) {
                #expect(throws: SignedNoteError.self, "bit \(bit)") {
                    try SignedNote.open(TestBytes.flipping(bytes, bit: bit), verifiers: verifiers)
                }
            }
        }
    }

    @Test("cosignature/v1 timestamps are read from 72-byte signatures only")
    func cosignatureTimestamp() throws {
        let vector = self.vectors.cosignatureTimestamp
        let note = try SignedNote(parsing: "a\nb\nc\n\n\u{2014} witness \(vector.sigBase64)\n\u{2014} log \(vector.notACosigExample)\n")
        #expect(note.signatures[0].cosignatureTimestamp == vector.wantTimestamp)
        #expect(note.signatures[1].cosignatureTimestamp == nil)
        #expect(note.signatures[0].base64 == vector.sigBase64)
    }
}
