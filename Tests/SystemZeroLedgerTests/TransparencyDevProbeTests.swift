import SystemZeroLedger
import Testing

/// transparency-dev/merkle `testdata/inclusion` and `testdata/consistency` probes (proof/verify_test.go):
/// directories 0…4 (happy paths and mutations over the reference tree), `additional` and `single-entry`.
///
/// The `subtreeinclusion` / `subtreeconsistency` folders test a newer subtree-proof extension that is not
/// part of RFC 9162, so they are deliberately not read.
@Suite("transparency-dev/merkle proof probes", .enabled(if: Fixtures.available, Fixtures.absentComment))
struct TransparencyDevProbeTests {
    struct InclusionProbe: Decodable {
        var leafIdx: UInt64
        var treeSize: UInt64
        var root: String
        var leafHash: String
        var proof: [String]?
        var desc: String
        var wantErr: Bool
    }

    struct ConsistencyProbe: Decodable {
        var size1: UInt64
        var size2: UInt64
        var root1: String
        var root2: String
        var proof: [String]?
        var desc: String
        var wantErr: Bool
    }

    static let base = "transparency-dev-merkle/testdata/"

    @Test("every inclusion probe gives the expected result")
    func inclusionProbes() throws {
        let files = Fixtures.jsonFiles(under: Self.base + "inclusion")
        #expect(files.count == 98)
        var passed = 0
        for path in files {
            let probe = try Fixtures.decode(InclusionProbe.self, from: path)
            let leafHash = try TestBytes.base64(probe.leafHash)
            let proof = try (probe.proof ?? []).map(TestBytes.base64)
            let root = try TestBytes.base64(probe.root)
            let result = Result { () throws(ProofError) in
                try MerkleProof.verifyInclusion(
                    leafHash: leafHash, index: probe.leafIdx, treeSize: probe.treeSize, proof: proof, root: root)
            }
            let gotError: Bool
            switch result {
            case .success: gotError = false
            case .failure: gotError = true
            }
            #expect(gotError == probe.wantErr, "\(path): \(probe.desc) → \(result)")
            if gotError == probe.wantErr { passed += 1 }
        }
        #expect(passed == 98)
    }

    @Test("every consistency probe gives the expected result")
    func consistencyProbes() throws {
        let files = Fixtures.jsonFiles(under: Self.base + "consistency")
        #expect(files.count == 98)
        var passed = 0
        for path in files {
            let probe = try Fixtures.decode(ConsistencyProbe.self, from: path)
            let proof = try (probe.proof ?? []).map(TestBytes.base64)
            let root1 = try TestBytes.base64(probe.root1)
            let root2 = try TestBytes.base64(probe.root2)
            let result = Result { () throws(ProofError) in
                try MerkleProof.verifyConsistency(size1: probe.size1, size2: probe.size2, proof: proof, root1: root1, root2: root2)
            }
            let gotError: Bool
            switch result {
            case .success: gotError = false
            case .failure: gotError = true
            }
            #expect(gotError == probe.wantErr, "\(path): \(probe.desc) → \(result)")
            if gotError == probe.wantErr { passed += 1 }
        }
        #expect(passed == 98)
    }

    @Test("edge rules report the specific error")
    func edgeRuleErrors() throws {
        let emptyLeaf = try Fixtures.decode(InclusionProbe.self, from: Self.base + "inclusion/single-entry/empty-root-and-leaf.json")
        #expect(throws: ProofError.invalidHashLength(.leafHash, length: 0)) {
            try MerkleProof.verifyInclusion(
                leafHash: try TestBytes.base64(emptyLeaf.leafHash), index: 0, treeSize: 1, proof: [],
                root: try TestBytes.base64(emptyLeaf.root))
        }
        let zero = try Fixtures.decode(
            ConsistencyProbe.self, from: Self.base + "consistency/additional/sizes-are-equal-zero-and-proof-is-empty.json")
        #expect(zero.root1 == zero.root2)
        #expect(throws: ProofError.emptyTreeConsistency) {
            try MerkleProof.verifyConsistency(
                size1: 0, size2: 0, proof: [], root1: try TestBytes.base64(zero.root1), root2: try TestBytes.base64(zero.root2))
        }
        let decreasing = try Fixtures.decode(
            ConsistencyProbe.self, from: Self.base + "consistency/additional/size1-is-greater-than-size2.json")
        #expect(throws: ProofError.treeSizesDecreasing(size1: 1, size2: 0)) {
            try MerkleProof.verifyConsistency(
                size1: decreasing.size1, size2: decreasing.size2, proof: [],
                root1: try TestBytes.base64(decreasing.root1), root2: try TestBytes.base64(decreasing.root2))
        }
        let nonEmpty = try Fixtures.decode(
            ConsistencyProbe.self, from: Self.base + "consistency/additional/sizes-match-but-proof-is-not-empty-and-sizes-are-one.json")
        #expect(throws: ProofError.nonEmptyProofForEqualSizes(count: 1)) {
            try MerkleProof.verifyConsistency(
                size1: 1, size2: 1, proof: try (nonEmpty.proof ?? []).map(TestBytes.base64),
                root1: try TestBytes.base64(nonEmpty.root1), root2: try TestBytes.base64(nonEmpty.root2))
        }
    }

    @Test("happy-path probes also verify through the Hash32 API")
    func happyPathsTyped() throws {
        var count = 0
        for path in Fixtures.jsonFiles(under: Self.base + "inclusion") where path.hasSuffix("happy-path.json") {
            let probe = try Fixtures.decode(InclusionProbe.self, from: path)
            let proof = try (probe.proof ?? []).map { try #require(Hash32(base64: $0)) }
            #expect(throws: Never.self, "\(path)") {
                try MerkleProof.verifyInclusion(
                    leafHash: try #require(Hash32(base64: probe.leafHash)), index: probe.leafIdx, treeSize: probe.treeSize,
                    proof: proof, root: try #require(Hash32(base64: probe.root)))
            }
            count += 1
        }
        for path in Fixtures.jsonFiles(under: Self.base + "consistency") where path.hasSuffix("happy-path.json") {
            let probe = try Fixtures.decode(ConsistencyProbe.self, from: path)
            let proof = try (probe.proof ?? []).map { try #require(Hash32(base64: $0)) }
            #expect(throws: Never.self, "\(path)") {
                try MerkleProof.verifyConsistency(
                    size1: probe.size1, size2: probe.size2, proof: proof,
                    root1: try #require(Hash32(base64: probe.root1)), root2: try #require(Hash32(base64: probe.root2)))
            }
            count += 1
        }
        #expect(count == 10)
    }
}
