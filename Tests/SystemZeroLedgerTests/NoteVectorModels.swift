/// `signed_note_vectors.json`.
struct SignedNoteVectors: Decodable {
    struct Key: Decodable {
        var id: String
        var vkey: String
        var skey: String?
        var keyIdHex: String?
        var ed25519SeedHex: String?
        var alg: String?
    }

    struct Note: Decodable {
        var desc: String
        var verifyWith: [String]
        var note: String?
        var noteConstruction: String?
        var expect: String
        var text: String?
        var verifiedSigs: [String]?
        var unverifiedSigs: [String]?
    }

    struct BadVerifierKey: Decodable {
        var vkey: String?
        var why: String?
        var vkeyRule: String?
    }

    struct CosignatureTimestamp: Decodable {
        var sigBase64: String
        var wantTimestamp: UInt64
        var notACosigExample: String
    }

    var keys: [Key]
    var notes: [Note]
    var badVkeys: [BadVerifierKey]
    var cosignatureTimestamp: CosignatureTimestamp

    static func load() throws -> SignedNoteVectors {
        try Fixtures.decode(SignedNoteVectors.self, from: "signed_note_vectors.json")
    }

    func key(_ id: String) throws -> Key {
        guard let key = self.keys.first(where: { $0.id == id }) else { throw Fixtures.Missing(description: "no key \(id)") }
        return key
    }
}

/// `checkpoint_vectors.json`.
struct CheckpointVectors: Decodable {
    struct Negative: Decodable {
        var checkpoint: String?
        var checkpointPrefix: String?
        var expect: String
    }

    struct Signed: Decodable {
        var id: String
        var vkey: String?
        var vkeyDerived: String?
        var checkpoint: String
        var expect: String
        var origin: String?
        var size: UInt64?
        var rootBase64: String?
        var ed25519SeedHex: String?
        var testPrivateKeyPkcs8Pem: String?
        var negative: Negative?
        var tamperCases: [String]?
        var timestampMs: UInt64?
    }

    struct Illustrative: Decodable {
        var id: String
        var checkpoint: String
        var expect: String
    }

    struct Marshal: Decodable {
        var origin: String
        var size: UInt64
        var hashAscii: String?
        var hash: String?
        var want: String
    }

    struct UnmarshalValid: Decodable {
        var `in`: String
        var wantRest: String
    }

    struct UnmarshalInvalid: Decodable {
        var `in`: String
        var why: String
    }

    struct Bodies: Decodable {
        var marshal: [Marshal]
        var unmarshalValid: [UnmarshalValid]
        var unmarshalInvalid: [UnmarshalInvalid]
    }

    var signedCheckpoints: [Signed]
    var illustrativeOnly: [Illustrative]
    var checkpointBodies: Bodies

    static func load() throws -> CheckpointVectors {
        try Fixtures.decode(CheckpointVectors.self, from: "checkpoint_vectors.json")
    }
}
