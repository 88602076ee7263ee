import SystemZeroLedger
import Testing

/// `rfc6962_reference_tree.json`: transparency-dev/merkle's RFC 6962 hasher vectors and 8-leaf reference
/// tree, and the named example tree of RFC 9162 §2.1.5 (draft-ietf-trans-rfc6962-bis).
@Suite("RFC 6962 reference tree", .enabled(if: Fixtures.available, Fixtures.absentComment))
struct RFC6962ReferenceTreeTests {
    struct File: Decodable {
        struct HasherVector: Decodable {
            var desc: String
            var input: String?
            var leafHex: String?
            var leftHex: String?
            var rightHex: String?
            var want: String
        }

        struct ReferenceTree: Decodable {
            var leafInputsHex: [String]
            var nodeHashesByLevel: [[String]]
            var rootByTreeSize: [String: String]
        }

        struct Inclusion: Decodable {
            var leafIndex: UInt64
            var treeSize: UInt64
            var leafHash: String
            var proof: [String]
            var proofNames: [String]
            var root: String
        }

        struct Consistency: Decodable {
            var size1: UInt64
            var size2: UInt64
            var root1: String
            var root2: String
            var proof: [String]
            var proofNames: [String]
        }

        struct ExampleTree: Decodable {
            var namedNodes: [String: String]
            var root: String
            var inclusion: [Inclusion]
            var consistency: [Consistency]
        }

        var hasherVectors: [HasherVector]
        var referenceTree: ReferenceTree
        var rfcExampleTree7Leaves: ExampleTree
    }

    let file: File
    let leaves: [[UInt8]]

    init() throws {
        self.file = try Fixtures.decode(File.self, from: "rfc6962_reference_tree.json")
        self.leaves = try self.file.referenceTree.leafInputsHex.map(TestBytes.hex)
    }

    private func hash(_ hex: String) throws -> Hash32 {
        try #require(Hash32(hex: hex), "not a 32-byte hex hash: \(hex)")
    }

    @Test("hasher vectors: empty root, leaf hashes, node hash of non-32-byte children")
    func hasherVectors() throws {
        #expect(self.file.hasherVectors.count == 4)
        for vector in self.file.hasherVectors {
            let want = try self.hash(vector.want)
            if let leftHex = vector.leftHex, let rightHex = vector.rightHex {
                let got = MerkleHash.node(rawLeft: try TestBytes.hex(leftHex), rawRight: try TestBytes.hex(rightHex))
                #expect(got == want, "\(vector.desc)")
            } else if let leafHex = vector.leafHex {
                #expect(MerkleHash.leaf(try TestBytes.hex(leafHex)) == want, "\(vector.desc)")
            } else {
                #expect(vector.input == "")
                #expect(MerkleHash.emptyRoot == want, "\(vector.desc)")
                #expect(InMemoryMerkleTree().root == want)
                #expect(MerkleFrontier().root == want)
            }
        }
    }

    @Test("leaf and complete-subtree hashes of the 8-leaf reference tree")
    func nodeHashes() throws {
        let tree = InMemoryMerkleTree(entries: self.leaves)
        let levels = self.file.referenceTree.nodeHashesByLevel
        #expect(levels.map(\.count) == [8, 4, 2, 1])
        for (level, hashes) in levels.enumerated() {
            for (index, hex) in hashes.enumerated() {
                let id = SubtreeID(level: UInt8(level), index: UInt64(index))
                #expect(try tree.subtreeHash(id) == (try self.hash(hex)), "subtree \(id)")
            }
        }
        #expect(tree.leafHashes == (try levels[0].map(self.hash)))
    }

    @Test("root for every tree size 0...8, three ways")
    func roots() throws {
        let roots = self.file.referenceTree.rootByTreeSize
        #expect(roots.count == 9)
        let full = InMemoryMerkleTree(entries: self.leaves)
        var frontier = MerkleFrontier()
        for size in 0...8 {
            let want = try self.hash(try #require(roots[String(size)]))
            #expect(InMemoryMerkleTree(entries: self.leaves.prefix(size)).root == want, "fresh tree of size \(size)")
            #expect(try full.root(treeSize: UInt64(size)) == want, "historical root of size \(size)")
            #expect(frontier.root == want, "frontier root of size \(size)")
            if size < 8 { frontier.append(MerkleHash.leaf(self.leaves[size])) }
        }
    }

    @Test("RFC 9162 example tree: named nodes and the root of 7 leaves")
    func exampleTreeNodes() throws {
        let example = self.file.rfcExampleTree7Leaves
        let tree = InMemoryMerkleTree(entries: self.leaves.prefix(7))
        let named = try example.namedNodes.mapValues(self.hash)
        #expect(named.count == 12)
        // a..f, j are the leaves d0..d6; g, h, i are level-1 nodes, k the level-2 node, l = MTH(d4, d5, d6).
        let leafNames = ["a", "b", "c", "d", "e", "f", "j"]
        for (index, name) in leafNames.enumerated() {
            #expect(named[name] == tree.leafHashes[index], "leaf \(name)")
        }
        #expect(named["g"] == (try tree.subtreeHash(SubtreeID(level: 1, index: 0))))
        #expect(named["h"] == (try tree.subtreeHash(SubtreeID(level: 1, index: 1))))
        #expect(named["i"] == (try tree.subtreeHash(SubtreeID(level: 1, index: 2))))
        #expect(named["k"] == (try tree.subtreeHash(SubtreeID(level: 2, index: 0))))
        let l = MerkleHashPlan(nodes: [[SubtreeID(level: 1, index: 2), SubtreeID(level: 0, index: 6)]])
        #expect(try l.resolve(tree.subtreeHash) == [try #require(named["l"])])
        #expect(InMemoryMerkleTree(entries: self.leaves[4..<7]).root == named["l"])
        #expect(tree.root == (try self.hash(example.root)))
    }

    @Test("RFC 9162 example inclusion proofs are generated exactly and verify")
    func exampleInclusionProofs() throws {
        let example = self.file.rfcExampleTree7Leaves
        let tree = InMemoryMerkleTree(entries: self.leaves.prefix(7))
        #expect(example.inclusion.count == 7)
        for vector in example.inclusion {
            let proof = try vector.proof.map(self.hash)
            let root = try self.hash(vector.root)
            let leafHash = try self.hash(vector.leafHash)
            #expect(try tree.inclusionProof(index: vector.leafIndex, treeSize: vector.treeSize) == proof, "PATH(\(vector.leafIndex), D7)")
            #expect(throws: Never.self) {
                try MerkleProof.verifyInclusion(
                    leafHash: leafHash, index: vector.leafIndex, treeSize: vector.treeSize, proof: proof, root: root)
            }
            #expect(vector.proofNames.map { example.namedNodes[$0] } == vector.proof)
        }
    }

    @Test("RFC 9162 example consistency proofs are generated exactly and verify")
    func exampleConsistencyProofs() throws {
        let example = self.file.rfcExampleTree7Leaves
        let tree = InMemoryMerkleTree(entries: self.leaves.prefix(7))
        #expect(example.consistency.count == 6)
        for vector in example.consistency {
            let proof = try vector.proof.map(self.hash)
            #expect(try tree.consistencyProof(size1: vector.size1, size2: vector.size2) == proof, "PROOF(\(vector.size1), D7)")
            #expect(try tree.root(treeSize: vector.size1) == (try self.hash(vector.root1)))
            #expect(throws: Never.self) {
                try MerkleProof.verifyConsistency(
                    size1: vector.size1, size2: vector.size2, proof: proof,
                    root1: try self.hash(vector.root1), root2: try self.hash(vector.root2))
            }
        }
    }
}
