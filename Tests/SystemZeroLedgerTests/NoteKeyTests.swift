import Crypto
import Foundation
import SystemZeroLedger
import Testing

@Suite("Note keys (vkey / skey)", .enabled(if: Fixtures.available, Fixtures.absentComment))
struct NoteKeyTests {
    let vectors: SignedNoteVectors

    init() throws {
        self.vectors = try SignedNoteVectors.load()
    }

    @Test("every vkey parses, derives its key ID and formats back identically")
    func verifierKeys() throws {
        #expect(self.vectors.keys.count == 11)
        for vector in self.vectors.keys {
            let key = try NoteVerifierKey(parsing: vector.vkey)
            #expect(key.vkey == vector.vkey, "\(vector.id)")
            #expect(vector.vkey.hasPrefix("\(key.name)+\(String(format: "%08x", key.keyID))+"), "\(vector.id)")
            if let keyIdHex = vector.keyIdHex {
                #expect(key.keyID == UInt32(keyIdHex, radix: 16), "\(vector.id)")
            }
            let expectedType: NoteKeyType = vector.id == "cosig_remora" ? .ed25519CosignatureV1 : .ed25519
            #expect(key.type == expectedType, "\(vector.id)")
            #expect(key.keyMaterial.count == 32)
        }
    }

    @Test("every skey parses, and its public half is the matching vkey")
    func signerKeys() throws {
        var checked = 0
        for vector in self.vectors.keys {
            if let skey = vector.skey {
                let signer = try NoteSignerKey(parsing: skey)
                #expect(signer.verifierKey.vkey == vector.vkey, "\(vector.id)")
                #expect(signer.privateKeyString == skey, "\(vector.id)")
                #expect(!signer.description.contains(String(skey.split(separator: "+").last ?? "")), "description leaks the secret")
                checked += 1
            }
            if let seedHex = vector.ed25519SeedHex {
                let privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: try TestBytes.hex(seedHex))
                let signer = try NoteSignerKey(name: try NoteVerifierKey(parsing: vector.vkey).name, privateKey: privateKey)
                #expect(signer.verifierKey.vkey == vector.vkey, "\(vector.id)")
                checked += 1
            }
        }
        #expect(checked == 7)
    }

    @Test("ECDSA P-256 (0x02) and RFC 6962 (0x05) vkeys from the checkpoint vectors parse with derived key IDs")
    func otherKeyTypes() throws {
        let checkpoints = try CheckpointVectors.load().signedCheckpoints
        let expected: [String: (NoteKeyType, UInt32)] = [
            "rekor_v1_ecdsa": (.ecdsaP256SHA256, 0xc0d2_3d6a),
            "pixel_ecdsa": (.ecdsaP256SHA256, 0x91c1_6e30),
            "static_ct_rome": (.rfc6962TreeHead, 0x78f4_abae),
        ]
        for (id, (type, keyID)) in expected {
            let vector = try #require(checkpoints.first { $0.id == id })
            let key = try NoteVerifierKey(parsing: try #require(vector.vkey))
            #expect(key.type == type, "\(id)")
            #expect(key.keyID == keyID, "\(id)")
            #expect(key.vkey == vector.vkey, "\(id)")
        }
    }

    @Test("the listed bad vkeys are rejected with the reason given")
    func badVerifierKeys() throws {
        let expected: [String: NoteKeyError] = [
            // "…10TWBADKEY==" decodes (leniently) to 37 bytes, but its last symbol before the padding carries
            // non-zero unused bits; the strict canonical base64 decoder rejects it before the length check.
            "wrong key length (hash adjusted)": .invalidKeyEncoding,
            "unknown algorithm byte (hash adjusted)": .unsupportedKeyType(0x65),
            "wrong number of parts": .wrongNumberOfFields,
            "invalid base64": .invalidKeyEncoding,
        ]
        var checked = 0
        for vector in self.vectors.badVkeys {
            guard let vkey = vector.vkey else {
                #expect(vector.vkeyRule != nil)
                continue
            }
            let why = try #require(vector.why)
            let error = try #require(expected[why], "unexpected bad-vkey case: \(why)")
            #expect(throws: error, "\(why)") { try NoteVerifierKey(parsing: vkey) }
            checked += 1
        }
        #expect(checked == 4)
        // The length check itself, with canonical base64: 0x01 followed by 31 bytes.
        let short = "PeterNeumann+c74f20a3+" + TestBytes.base64Encode([0x01] + [UInt8](repeating: 7, count: 31))
        #expect(throws: NoteKeyError.invalidKeyLength(type: 0x01, length: 31)) { try NoteVerifierKey(parsing: short) }
    }

    @Test("every strict substring and every single-byte increment of a valid vkey is rejected")
    func substringsAndIncrements() throws {
        let vkey = try self.vectors.key("peter").vkey
        let bytes = Array(vkey.utf8)
        var rejected = 0
        for start in 0..<bytes.count {
            for end in (start + 1)...bytes.count where !(start == 0 && end == bytes.count) {
                let candidate = String(decoding: bytes[start..<end], as: UTF8.self)
                #expect(throws: NoteKeyError.self, "substring \(candidate)") { try NoteVerifierKey(parsing: candidate) }
                rejected += 1
            }
        }
        #expect(throws: NoteKeyError.self) { try NoteVerifierKey(parsing: "") }
        for position in bytes.indices {
            var changed = bytes
            changed[position] &+= 1
            let candidate = String(decoding: changed, as: UTF8.self)
            #expect(throws: NoteKeyError.self, "increment at \(position): \(candidate)") { try NoteVerifierKey(parsing: candidate) }
            rejected += 1
        }
        #expect(rejected == bytes.count * (bytes.count + 1) / 2 - 1 + bytes.count)
    }

    @Test("bad signer keys are rejected")
    func badSignerKeys() throws {
        let skey = try #require(try self.vectors.key("peter").skey)
        #expect(throws: NoteKeyError.missingPrivateKeyPrefix) { try NoteSignerKey(parsing: String(skey.dropFirst(8))) }
        #expect(throws: NoteKeyError.keyIDMismatch(declared: 0xc74f_20a4, computed: 0xc74f_20a3)) {
            try NoteSignerKey(parsing: skey.replacingOccurrences(of: "c74f20a3", with: "c74f20a4"))
        }
        #expect(throws: NoteKeyError.invalidName) { try NoteSignerKey(name: "two words", privateKey: .init()) }
        #expect(throws: NoteKeyError.invalidName) { try NoteSignerKey(name: "a+b", privateKey: .init()) }
        #expect(throws: NoteKeyError.invalidName) { try NoteSignerKey(name: "", privateKey: .init()) }
        // A vkey is not a signer key, and a signer key is not a vkey.
        #expect(throws: NoteKeyError.self) { try NoteSignerKey(parsing: try self.vectors.key("peter").vkey) }
        #expect(throws: NoteKeyError.self) { try NoteVerifierKey(parsing: skey) }
    }

    @Test("generated keys round-trip through their string forms")
    func generatedKeys() throws {
        let signer = try NoteSignerKey.generate(name: "log.example/test")
        let reparsed = try NoteSignerKey(parsing: signer.privateKeyString)
        #expect(reparsed.keyID == signer.keyID)
        #expect(reparsed.verifierKey == signer.verifierKey)
        #expect(try NoteVerifierKey(parsing: signer.verifierKey.vkey) == signer.verifierKey)
        #expect(signer.verifierKey.keyID == signer.keyID)
    }
}
