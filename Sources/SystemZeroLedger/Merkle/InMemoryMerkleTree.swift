/// A Merkle tree held in memory, caching the hash of every complete subtree by level.
///
/// Appends cost amortised O(1) hashes; roots and proofs for any earlier size cost O(log n). Used by tests
/// and to verify a whole log replayed from its entries.
public struct InMemoryMerkleTree: Sendable {
    /// `levels[l][i]` is the hash of the complete subtree `SubtreeID(level: l, index: i)`; level 0 holds the leaves.
    private var levels: [[Hash32]]

    /// An empty tree.
    public init() {
        self.levels = []
    }

    /// A tree holding the given leaf hashes, in order.
    public init(leafHashes: some Sequence<Hash32>) {
        self.init()
        for leafHash in leafHashes {
            self.append(leafHash: leafHash)
        }
    }

    /// A tree holding the given entries, in order (each is hashed with ``MerkleHash/leaf(_:)``).
    public init<Entries: Sequence>(entries: Entries) where Entries.Element: Sequence<UInt8> {
        self.init(leafHashes: entries.lazy.map { MerkleHash.leaf($0) })
    }

    /// Number of leaves.
    public var size: UInt64 {
        UInt64(self.levels.first?.count ?? 0)
    }

    /// All leaf hashes, in order.
    public var leafHashes: [Hash32] {
        self.levels.first ?? []
    }

    /// Appends a leaf hash.
    ///
    /// - Returns: The complete subtrees that became final, smallest first (see ``MerkleFrontier/append(_:)``).
    @discardableResult
    public mutating func append(leafHash: Hash32) -> [SubtreeHash] {
        var completed: [SubtreeHash] = []
        var hash = leafHash
        var level = 0
        while true {
            if self.levels.count == level { self.levels.append([]) }
            self.levels[level].append(hash)
            let index = self.levels[level].count - 1
            completed.append(SubtreeHash(id: SubtreeID(level: UInt8(level), index: UInt64(index)), hash: hash))
            guard index % 2 == 1 else { break }
            hash = MerkleHash.node(self.levels[level][index - 1], hash)
            level += 1
        }
        return completed
    }

    /// Hashes `entry` as a leaf and appends it.
    ///
    /// - Returns: The leaf hash.
    @discardableResult
    public mutating func append(entry: some Sequence<UInt8>) -> Hash32 {
        let leafHash = MerkleHash.leaf(entry)
        self.append(leafHash: leafHash)
        return leafHash
    }

    /// The hash of a complete subtree.
    ///
    /// - Throws: ``ProofError/subtreeUnavailable(_:)`` if the tree does not contain the whole subtree.
    public func subtreeHash(_ id: SubtreeID) throws(ProofError) -> Hash32 {
        guard Int(id.level) < self.levels.count, id.index < UInt64(self.levels[Int(id.level)].count) else {
            throw .subtreeUnavailable(id)
        }
        return self.levels[Int(id.level)][Int(id.index)]
    }

    /// The current root hash.
    public var root: Hash32 {
        (try? self.root(treeSize: self.size)) ?? MerkleHash.emptyRoot
    }

    /// The root hash of the first `treeSize` leaves.
    ///
    /// - Throws: ``ProofError/treeSizeUnavailable(requested:available:)`` if `treeSize > size`.
    public func root(treeSize: UInt64) throws(ProofError) -> Hash32 {
        try self.checkAvailable(treeSize)
        return try MerkleProof.root(treeSize: treeSize, subtreeHash: self.subtreeHash)
    }

    /// The inclusion proof of leaf `index` in the tree of the first `treeSize` leaves.
    public func inclusionProof(index: UInt64, treeSize: UInt64) throws(ProofError) -> [Hash32] {
        try self.checkAvailable(treeSize)
        return try MerkleProof.inclusionPlan(index: index, treeSize: treeSize).resolve(self.subtreeHash)
    }

    /// The consistency proof between the trees of the first `size1` and first `size2` leaves.
    public func consistencyProof(size1: UInt64, size2: UInt64) throws(ProofError) -> [Hash32] {
        try self.checkAvailable(size2)
        return try MerkleProof.consistencyPlan(size1: size1, size2: size2).resolve(self.subtreeHash)
    }

    private func checkAvailable(_ treeSize: UInt64) throws(ProofError) {
        guard treeSize <= self.size else { throw .treeSizeUnavailable(requested: treeSize, available: self.size) }
    }
}
