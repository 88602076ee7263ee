import SystemZeroLedger
import Testing

/// Proofs generated from in-memory trees verify, and any tampering is rejected.
@Suite("Merkle proof round trips")
struct MerkleProofRoundTripTests {
    let tree = InMemoryMerkleTree(entries: sampleEntries(count: 300, seed: 0xC0FFEE))

    @Test("every root, inclusion and consistency proof of trees up to 48 leaves")
    func exhaustiveSmallTrees() throws {
        let leaves = self.tree.leafHashes
        for size2 in UInt64(1)...48 {
            let root2 = try self.tree.root(treeSize: size2)
            #expect(root2 == referenceRoot(leaves.prefix(Int(size2))), "root of \(size2)")
            for index in 0..<size2 {
                let proof = try self.tree.inclusionProof(index: index, treeSize: size2)
                #expect(throws: Never.self, "inclusion \(index) in \(size2)") {
                    try MerkleProof.verifyInclusion(
                        leafHash: leaves[Int(index)], index: index, treeSize: size2, proof: proof, root: root2)
                }
            }
            for size1 in UInt64(1)...size2 {
                let proof = try self.tree.consistencyProof(size1: size1, size2: size2)
                #expect(throws: Never.self, "consistency \(size1) → \(size2)") {
                    try MerkleProof.verifyConsistency(
                        size1: size1, size2: size2, proof: proof, root1: try self.tree.root(treeSize: size1), root2: root2)
                }
            }
        }
    }

    @Test("random sizes 1…300: proofs verify; a wrong index, leaf, root or next tree size is rejected")
    func randomSizes() throws {
        var generator = SeededGenerator(seed: 42)
        let leaves = self.tree.leafHashes
        for _ in 0..<40 {
            let size2 = UInt64.random(in: 1...300, using: &generator)
            let root2 = try self.tree.root(treeSize: size2)
            #expect(root2 == referenceRoot(leaves.prefix(Int(size2))))
            for _ in 0..<6 {
                let index = UInt64.random(in: 0..<size2, using: &generator)
                let proof = try self.tree.inclusionProof(index: index, treeSize: size2)
                let leaf = leaves[Int(index)]
                #expect(try MerkleProof.rootFromInclusionProof(leafHash: leaf, index: index, treeSize: size2, proof: proof) == root2)
                if size2 > 1 {
                    let other = index == 0 ? 1 : index - 1
                    #expect(throws: ProofError.self) {
                        try MerkleProof.verifyInclusion(leafHash: leaf, index: other, treeSize: size2, proof: proof, root: root2)
                    }
                    #expect(throws: ProofError.self) {
                        try MerkleProof.verifyInclusion(
                            leafHash: leaves[Int(other)], index: index, treeSize: size2, proof: proof, root: root2)
                    }
                }
                // The proof does not prove inclusion in the next tree (its shape or its root differs).
                if size2 < 300 {
                    let nextRoot = try self.tree.root(treeSize: size2 + 1)
                    #expect(throws: ProofError.self) {
                        try MerkleProof.verifyInclusion(leafHash: leaf, index: index, treeSize: size2 + 1, proof: proof, root: nextRoot)
                    }
                }
            }
            for _ in 0..<6 {
                let size1 = UInt64.random(in: 1...size2, using: &generator)
                let proof = try self.tree.consistencyProof(size1: size1, size2: size2)
                let root1 = try self.tree.root(treeSize: size1)
                #expect(throws: Never.self, "consistency \(size1) → \(size2)") {
                    try MerkleProof.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: root1, root2: root2)
                }
                if size1 < size2 {
                    #expect(throws: ProofError.self) {
                        try MerkleProof.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: root2, root2: root1)
                    }
                    if size2 < 300 {
                        let nextRoot = try self.tree.root(treeSize: size2 + 1)
                        #expect(throws: ProofError.self) {
                            try MerkleProof.verifyConsistency(size1: size1, size2: size2 + 1, proof: proof, root1: root1, root2: nextRoot)
                        }
                    }
                }
            }
        }
    }

    @Test(
        "a flipped bit in a leaf, a root or any proof element is rejected",
        arguments: [
            (UInt64(7), UInt64(3)), (8, 0), (8, 7), (1, 0), (300, 137), (300, 299), (256, 200),
        ])
    func inclusionBitFlips(treeSize: UInt64, index: UInt64) throws {
        let proof = try self.tree.inclusionProof(index: index, treeSize: treeSize)
        let root = try self.tree.root(treeSize: treeSize)
        let leaf = self.tree.leafHashes[Int(index)]
        for bit in 0..<256 {
            #expect(throws: ProofError.rootMismatch(.root)) {
                try MerkleProof.verifyInclusion(
                    leafHash: flipping(leaf, bit: bit), index: index, treeSize: treeSize, proof: proof, root: root)
            }
            #expect(throws: ProofError.rootMismatch(.root)) {
                try MerkleProof.verifyInclusion(
                    leafHash: leaf, index: index, treeSize: treeSize, proof: proof, root: flipping(root, bit: bit))
            }
            for position in proof.indices {
                var tampered = proof
                tampered[position] = flipping(proof[position], bit: bit)
                #expect(throws: ProofError.rootMismatch(.root)) {
                    try MerkleProof.verifyInclusion(leafHash: leaf, index: index, treeSize: treeSize, proof: tampered, root: root)
                }
            }
        }
    }

    @Test(
        "a flipped bit in either root or any consistency proof element is rejected",
        arguments: [
            (UInt64(3), UInt64(7)), (4, 7), (6, 7), (1, 2), (100, 300), (128, 300), (255, 256),
        ])
    func consistencyBitFlips(size1: UInt64, size2: UInt64) throws {
        let proof = try self.tree.consistencyProof(size1: size1, size2: size2)
        let root1 = try self.tree.root(treeSize: size1)
        let root2 = try self.tree.root(treeSize: size2)
        for bit in 0..<256 {
            #expect(throws: ProofError.self) {
                try MerkleProof.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: flipping(root1, bit: bit), root2: root2)
            }
            #expect(throws: ProofError.self) {
                try MerkleProof.verifyConsistency(size1: size1, size2: size2, proof: proof, root1: root1, root2: flipping(root2, bit: bit))
            }
            for position in proof.indices {
                var tampered = proof
                tampered[position] = flipping(proof[position], bit: bit)
                #expect(throws: ProofError.self) {
                    try MerkleProof.verifyConsistency(size1: size1, size2: size2, proof: tampered, root1: root1, root2: root2)
                }
            }
        }
    }

    @Test("truncated, extended or reordered proofs are rejected with the expected length")
    func proofLength() throws {
        let proof = try self.tree.inclusionProof(index: 5, treeSize: 300)
        let root = try self.tree.root(treeSize: 300)
        let leaf = self.tree.leafHashes[5]
        #expect(proof.count == 9)
        #expect(throws: ProofError.wrongProofLength(actual: 8, expected: 9)) {
            try MerkleProof.verifyInclusion(leafHash: leaf, index: 5, treeSize: 300, proof: Array(proof.dropLast()), root: root)
        }
        #expect(throws: ProofError.wrongProofLength(actual: 10, expected: 9)) {
            try MerkleProof.verifyInclusion(leafHash: leaf, index: 5, treeSize: 300, proof: proof + [root], root: root)
        }
        #expect(throws: ProofError.rootMismatch(.root)) {
            try MerkleProof.verifyInclusion(leafHash: leaf, index: 5, treeSize: 300, proof: proof.reversed(), root: root)
        }
        let consistency = try self.tree.consistencyProof(size1: 100, size2: 300)
        #expect(throws: ProofError.self) {
            try MerkleProof.verifyConsistency(
                size1: 100, size2: 300, proof: Array(consistency.dropFirst()),
                root1: try self.tree.root(treeSize: 100), root2: root)
        }
    }

    @Test("generation rejects impossible requests")
    func generationErrors() throws {
        #expect(throws: ProofError.indexOutOfRange(index: 10, treeSize: 10)) { try self.tree.inclusionProof(index: 10, treeSize: 10) }
        #expect(throws: ProofError.treeSizeUnavailable(requested: 301, available: 300)) { try self.tree.root(treeSize: 301) }
        #expect(throws: ProofError.emptyTreeConsistency) { try self.tree.consistencyProof(size1: 0, size2: 5) }
        #expect(throws: ProofError.treeSizesDecreasing(size1: 6, size2: 5)) { try self.tree.consistencyProof(size1: 6, size2: 5) }
        #expect(try self.tree.consistencyProof(size1: 5, size2: 5).isEmpty)
        #expect(throws: ProofError.subtreeUnavailable(SubtreeID(level: 3, index: 37))) {
            try self.tree.subtreeHash(SubtreeID(level: 3, index: 37))
        }
    }

    @Test("plans read O(log n) complete subtrees, and resolve through any storage closure")
    func planSizes() throws {
        for size in UInt64(1)...300 {
            let bound = 2 * (UInt64.bitWidth - size.leadingZeroBitCount)
            #expect(MerkleProof.rootPlan(treeSize: size).requiredSubtrees.count == size.nonzeroBitCount)
            for index in [0, size / 2, size - 1] {
                let plan = try MerkleProof.inclusionPlan(index: index, treeSize: size)
                #expect(plan.requiredSubtrees.count <= bound, "inclusion \(index) in \(size)")
            }
            for size1 in [1, size / 3 + 1, size] where size1 <= size {
                let plan = try MerkleProof.consistencyPlan(size1: size1, size2: size)
                #expect(plan.requiredSubtrees.count <= bound, "consistency \(size1) → \(size)")
            }
        }
        // A storage closure that counts reads and can fail with its own error type.
        struct StoreError: Error, Equatable {}
        var reads = 0
        let plan = try MerkleProof.inclusionPlan(index: 123, treeSize: 300)
        let proof = try plan.resolve { (id: SubtreeID) throws(StoreError) -> Hash32 in
            reads += 1
            guard let hash = try? self.tree.subtreeHash(id) else { throw StoreError() }
            return hash
        }
        #expect(proof == (try self.tree.inclusionProof(index: 123, treeSize: 300)))
        #expect(reads == plan.nodes.map(\.count).reduce(0, +))
        #expect(throws: StoreError()) {
            try plan.resolve { (_: SubtreeID) throws(StoreError) -> Hash32 in throw StoreError() }
        }
        #expect(MerkleProof.root(treeSize: 0) { (_: SubtreeID) -> Hash32 in .zero } == MerkleHash.emptyRoot)
    }
}
