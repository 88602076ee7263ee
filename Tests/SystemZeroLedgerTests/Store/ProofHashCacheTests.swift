import Testing

@testable import SystemZeroLedger

/// Roots and proofs served from ``ProofHashCache`` (upper levels in memory, low levels from leaf ranges, the rest from
/// the frontier) equal those of the reference in-memory tree.
struct ProofHashCacheTests {
    static let sizes: [UInt64] = [1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1_000]

    /// A log of `size` leaves, its reference tree, and a cache filled with the subtrees completed by the first
    /// `cached` leaves.
    struct Log {
        var leaves: [Hash32]
        var reference: InMemoryMerkleTree
        var frontier = MerkleFrontier()
        var cache: ProofHashCache

        init(size: UInt64, cached: UInt64, lowestLevel: UInt8) {
            leaves = sampleEntries(count: Int(size), seed: size).map { MerkleHash.leaf($0) }
            reference = InMemoryMerkleTree(leafHashes: leaves)
            cache = ProofHashCache(lowestLevel: lowestLevel)
            for (index, leaf) in leaves.enumerated() {
                for subtree in frontier.append(leaf) where UInt64(index) < cached {
                    let recorded = cache.record(subtree)
                    #expect(recorded)
                }
            }
        }

        /// Resolves `plan` as the store does, reading leaves and missing subtrees from the reference tree.
        func resolve(_ plan: MerkleHashPlan) throws -> [Hash32] {
            let reads = cache.reads(for: plan, frontier: frontier)
            for range in reads.leafRanges {
                #expect(range.count <= 1 << Int(cache.lowestLevel))
                #expect(range.lowerBound >> UInt64(cache.lowestLevel) == (range.upperBound - 1) >> UInt64(cache.lowestLevel))
            }
            let fetched = ProofHashCache.Fetched(
                leafHashes: reads.leafRanges.map { Array(leaves[Int($0.lowerBound)..<Int($0.upperBound)]) },
                subtrees: reads.subtrees.map { try? reference.subtreeHash($0) })
            return try cache.resolve(plan, frontier: frontier, reads: reads, fetched: fetched)
        }
    }

    @Test(arguments: [2, 4] as [UInt8], [false, true])
    func proofsEqualTheReferenceTree(lowestLevel: UInt8, partlyFilled: Bool) throws {
        for size in Self.sizes {
            let log = Log(size: size, cached: partlyFilled ? size / 2 : size, lowestLevel: lowestLevel)
            for treeSize in Set([1, size / 2, size - 1, size].filter { $0 > 0 }) {
                #expect(try log.resolve(MerkleProof.rootPlan(treeSize: treeSize)) == [try log.reference.root(treeSize: treeSize)])
                for index in Set([0, 1, treeSize / 3, treeSize / 2, max(treeSize, 2) - 2, treeSize - 1].filter { $0 < treeSize }) {
                    let plan = try MerkleProof.inclusionPlan(index: index, treeSize: treeSize)
                    #expect(
                        try log.resolve(plan) == (try log.reference.inclusionProof(index: index, treeSize: treeSize)),
                        "inclusion of \(index) in \(treeSize) of \(size)")
                }
                for older in Set([1, 2, treeSize / 2, treeSize - 1, treeSize].filter { $0 > 0 && $0 <= treeSize }) {
                    let plan = try MerkleProof.consistencyPlan(size1: older, size2: treeSize)
                    #expect(
                        try log.resolve(plan) == (try log.reference.consistencyProof(size1: older, size2: treeSize)),
                        "consistency from \(older) to \(treeSize) of \(size)")
                }
            }
        }
    }

    @Test func missingLeavesAreReportedAsCorrupt() throws {
        let log = Log(size: 100, cached: 100, lowestLevel: 4)
        let plan = try MerkleProof.inclusionPlan(index: 37, treeSize: 100)
        let reads = log.cache.reads(for: plan, frontier: log.frontier)
        let short = ProofHashCache.Fetched(leafHashes: reads.leafRanges.map { _ in [] }, subtrees: reads.subtrees.map { _ in nil })
        #expect(throws: LedgerError.self) { try log.cache.resolve(plan, frontier: log.frontier, reads: reads, fetched: short) }
    }

    @Test func aSubtreeBeyondTheNextOneIsRefused() {
        var cache = ProofHashCache(lowestLevel: 4)
        let outcomes = [(4, 0), (4, 0), (4, 2), (1, 9)].map { level, index in
            cache.record(SubtreeHash(id: SubtreeID(level: UInt8(level), index: UInt64(index)), hash: .zero))
        }
        // The next one, one already held, one beyond a gap, one below the cached levels.
        #expect(outcomes == [true, true, false, true])
        #expect(cache.hash(of: SubtreeID(level: 4, index: 0)) == .zero)
        #expect(cache.hash(of: SubtreeID(level: 4, index: 1)) == nil)
    }
}
