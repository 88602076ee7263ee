/// The complete-subtree hashes a store keeps in memory to serve roots and proofs with at most one read.
///
/// Every complete subtree of level ≥ ``lowestLevel`` is held in one dense array per level (about 2n / 2^lowestLevel
/// hashes in all: 8 MB at a million entries for level 3). What a plan needs below that level lies inside aligned blocks of
/// 2^lowestLevel leaves, so it is computed from the leaf hashes of a few short ranges that the store reads in one go;
/// the complete subtrees of the log's frontier come from the frontier itself.
struct ProofHashCache: Sendable {
    /// The lowest level held in memory.
    let lowestLevel: UInt8
    /// `levels[l - lowestLevel][i]` is the hash of subtree `l/i`; each level holds indices `0..<count` without gaps.
    private var levels: [[Hash32]] = []

    /// What a plan needs read from storage: leaf hashes of whole ranges, and single subtrees not held.
    struct Reads: Sendable, Equatable {
        /// Leaf index ranges, each within one aligned block of 2^lowestLevel leaves.
        var leafRanges: [Range<UInt64>] = []
        /// Subtrees of level ≥ lowestLevel that are not held (stored after the cache was filled by another process).
        var subtrees: [SubtreeID] = []

        var isEmpty: Bool { leafRanges.isEmpty && subtrees.isEmpty }
    }

    /// What storage returned for ``Reads``, in the same order; a range's hashes start at its lower bound and stop at
    /// the first missing leaf.
    struct Fetched: Sendable {
        var leafHashes: [[Hash32]] = []
        var subtrees: [Hash32?] = []
    }

    /// An empty cache.
    init(lowestLevel: UInt8) {
        self.lowestLevel = lowestLevel
    }

    /// The hash of `id`, if it is held.
    func hash(of id: SubtreeID) -> Hash32? {
        guard id.level >= lowestLevel else { return nil }
        let level = Int(id.level - lowestLevel)
        guard level < levels.count, id.index < UInt64(levels[level].count) else { return nil }
        return levels[level][Int(id.index)]
    }

    /// Holds a completed subtree when it is the next of its level; lower levels and subtrees already held are ignored.
    ///
    /// - Returns: `false` when the subtree lies beyond the next one of its level (the cache missed some and should be
    ///   filled again).
    mutating func record(_ subtree: SubtreeHash) -> Bool {
        guard subtree.id.level >= lowestLevel else { return true }
        let level = Int(subtree.id.level - lowestLevel)
        while levels.count <= level { levels.append([]) }
        let count = UInt64(levels[level].count)
        if subtree.id.index == count {
            levels[level].append(subtree.hash)
        } else if subtree.id.index > count {
            return false
        }
        return true
    }

    /// The hash of `id` when it is one of the frontier's complete subtrees.
    static func frontierHash(of id: SubtreeID, in frontier: MerkleFrontier) -> Hash32? {
        let size = frontier.size
        let bit = UInt64(1) << UInt64(id.level)
        guard size & bit != 0, id.firstLeafIndex == size & ~(bit | (bit - 1)) else { return nil }
        let above = (size >> UInt64(id.level)).nonzeroBitCount
        return frontier.hashes[above - 1]
    }

    /// The reads `plan` needs beyond this cache and `frontier`.
    func reads(for plan: MerkleHashPlan, frontier: MerkleFrontier) -> Reads {
        var reads = Reads()
        for id in plan.requiredSubtrees where hash(of: id) == nil && Self.frontierHash(of: id, in: frontier) == nil {
            if id.level >= lowestLevel {
                reads.subtrees.append(id)
                continue
            }
            let leaves = id.firstLeafIndex..<(id.firstLeafIndex + id.leafCount)
            let block = id.firstLeafIndex >> UInt64(lowestLevel)
            if let same = reads.leafRanges.firstIndex(where: { $0.lowerBound >> UInt64(lowestLevel) == block }) {
                let range = reads.leafRanges[same]
                reads.leafRanges[same] = min(range.lowerBound, leaves.lowerBound)..<max(range.upperBound, leaves.upperBound)
            } else {
                reads.leafRanges.append(leaves)
            }
        }
        return reads
    }

    /// Computes the hashes of `plan` from this cache, `frontier` and what was fetched for ``reads(for:frontier:)``.
    ///
    /// - Throws: ``LedgerError/Kind/corrupt`` when a needed hash was not fetched.
    func resolve(_ plan: MerkleHashPlan, frontier: MerkleFrontier, reads: Reads, fetched: Fetched) throws(LedgerError) -> [Hash32] {
        try plan.resolve { id throws(LedgerError) in
            if let hash = hash(of: id) ?? Self.frontierHash(of: id, in: frontier) { return hash }
            if id.level >= lowestLevel, let position = reads.subtrees.firstIndex(of: id), let hash = fetched.subtrees[position] {
                return hash
            }
            if id.level < lowestLevel, let position = reads.leafRanges.firstIndex(where: { $0.contains(id.firstLeafIndex) }) {
                let leaves = fetched.leafHashes[position]
                let start = Int(id.firstLeafIndex - reads.leafRanges[position].lowerBound)
                let end = start + Int(id.leafCount)
                if end <= leaves.count { return Self.root(ofComplete: leaves[start..<end]) }
            }
            throw LedgerError(.corrupt, "the hash of subtree \(id) is missing")
        }
    }

    /// `MTH` of a power-of-two number of leaf hashes.
    static func root(ofComplete leaves: ArraySlice<Hash32>) -> Hash32 {
        var layer = Array(leaves)
        var width = layer.count
        while width > 1 {
            width /= 2
            for index in 0..<width { layer[index] = MerkleHash.node(layer[2 * index], layer[2 * index + 1]) }
        }
        return layer[0]
    }
}
