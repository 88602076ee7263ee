import SystemZeroLedger
import Testing

@Suite("Merkle frontier (compact range)")
struct MerkleFrontierTests {
    let entries = sampleEntries(count: 300, seed: 7)

    @Test("after every append the frontier root equals the from-scratch root")
    func rootAfterEveryAppend() {
        var frontier = MerkleFrontier()
        var leaves: [Hash32] = []
        #expect(frontier.root == MerkleHash.emptyRoot)
        for entry in self.entries {
            let leaf = MerkleHash.leaf(entry)
            leaves.append(leaf)
            frontier.append(leaf)
            #expect(frontier.size == UInt64(leaves.count))
            #expect(frontier.hashes.count == leaves.count.nonzeroBitCount)
            #expect(frontier.root == referenceRoot(leaves[...]), "size \(leaves.count)")
        }
    }

    @Test("each append reports exactly the complete subtrees it finalises, with correct hashes")
    func reportedSubtrees() throws {
        var frontier = MerkleFrontier()
        var tree = InMemoryMerkleTree()
        var reported = Set<SubtreeID>()
        for entry in self.entries {
            let leaf = MerkleHash.leaf(entry)
            let completed = frontier.append(leaf)
            #expect(completed == tree.append(leafHash: leaf))
            #expect(completed.first == SubtreeHash(id: .leaf(tree.size - 1), hash: leaf))
            // A new leaf at position n - 1 completes one subtree per trailing 1 bit of n - 1.
            #expect(completed.count == 1 + (tree.size - 1).trailingNonzeroBitCount)
            for subtree in completed {
                #expect(try tree.subtreeHash(subtree.id) == subtree.hash)
                #expect(reported.insert(subtree.id).inserted, "\(subtree.id) reported twice")
            }
        }
        // Every complete subtree of a 300-leaf tree was reported once: 300 + 150 + 75 + 37 + 18 + 9 + 4 + 2 + 1.
        #expect(reported.count == 596)
        #expect(frontier.subtrees.map(\.id) == MerkleFrontier.subtreeIDs(forSize: 300))
        // 300 = 256 + 32 + 8 + 4: leaves [0, 256), [256, 288), [288, 296), [296, 300).
        #expect(
            frontier.subtrees.map(\.id) == [
                SubtreeID(level: 8, index: 0), SubtreeID(level: 5, index: 8), SubtreeID(level: 3, index: 36),
                SubtreeID(level: 2, index: 74),
            ])
    }

    @Test("a frontier restored from stored subtree hashes continues identically")
    func restore() throws {
        let tree = InMemoryMerkleTree(entries: self.entries)
        for size in [UInt64(0), 1, 2, 3, 7, 8, 100, 255, 256, 257, 299] {
            let hashes = try MerkleFrontier.subtreeIDs(forSize: size).map(tree.subtreeHash)
            var restored = try MerkleFrontier(size: size, hashes: hashes)
            #expect(restored.root == (try tree.root(treeSize: size)))
            restored.append(tree.leafHashes[Int(size)])
            #expect(restored.root == (try tree.root(treeSize: size + 1)))
        }
        #expect(throws: ProofError.invalidFrontier(size: 3, hashCount: 1)) {
            try MerkleFrontier(size: 3, hashes: [tree.leafHashes[0]])
        }
    }
}

extension UInt64 {
    fileprivate var trailingNonzeroBitCount: Int { (~self).trailingZeroBitCount }
}
