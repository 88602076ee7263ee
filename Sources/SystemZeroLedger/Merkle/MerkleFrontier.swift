/// The compact range `[0, size)` of an append-only Merkle tree: the hashes of the complete subtrees in
/// the binary decomposition of `size` (one per set bit, largest first).
///
/// It lets a log compute its new root after each append in O(log n) time and memory, and reports the
/// complete-subtree hashes that each append makes final, so a store can persist them for later proofs.
public struct MerkleFrontier: Hashable, Sendable {
    /// Number of leaves appended so far.
    public private(set) var size: UInt64
    /// Hashes of the complete subtrees covering `[0, size)`, from left (largest) to right (smallest).
    public private(set) var hashes: [Hash32]

    /// An empty frontier (size 0).
    public init() {
        self.size = 0
        self.hashes = []
    }

    /// Restores a frontier from stored complete-subtree hashes, listed as ``subtreeIDs(forSize:)`` names them.
    ///
    /// - Throws: ``ProofError/invalidFrontier(size:hashCount:)`` unless there is one hash per set bit of `size`.
    public init(size: UInt64, hashes: [Hash32]) throws(ProofError) {
        guard hashes.count == size.nonzeroBitCount else { throw .invalidFrontier(size: size, hashCount: hashes.count) }
        self.size = size
        self.hashes = hashes
    }

    /// The complete subtrees whose hashes make up the frontier of a tree of `size` leaves, left to right.
    public static func subtreeIDs(forSize size: UInt64) -> [SubtreeID] {
        MerkleHashPlan.decompose(start: 0, count: size)
    }

    /// The complete subtrees of the frontier with their hashes, left to right.
    public var subtrees: [SubtreeHash] {
        zip(Self.subtreeIDs(forSize: self.size), self.hashes).map { SubtreeHash(id: $0, hash: $1) }
    }

    /// Appends one leaf hash.
    ///
    /// - Returns: The complete subtrees that became final with this leaf, smallest first: always the leaf
    ///   itself (level 0), then every subtree it completes.
    /// - Precondition: `size < UInt64.max`.
    @discardableResult
    public mutating func append(_ leafHash: Hash32) -> [SubtreeHash] {
        var completed = [SubtreeHash(id: .leaf(self.size), hash: leafHash)]
        self.append(leafHash) { completed.append($0) }
        return completed
    }

    /// Appends one leaf hash, passing each subtree above the leaf that it completes to `completed`, smallest first.
    ///
    /// - Precondition: `size < UInt64.max`.
    public mutating func append(_ leafHash: Hash32, completed: (SubtreeHash) throws -> Void) rethrows {
        precondition(self.size < UInt64.max, "a Merkle tree cannot hold more than UInt64.max leaves")
        let newSize = self.size + 1
        var hash = leafHash
        var level: UInt64 = 0
        var carry = self.size
        // Each trailing 1 bit of the old size is a subtree of equal height that the new leaf completes.
        while carry & 1 == 1, let left = self.hashes.popLast() {
            hash = MerkleHash.node(left, hash)
            level += 1
            try completed(SubtreeHash(id: SubtreeID(level: UInt8(level), index: (newSize >> level) - 1), hash: hash))
            carry >>= 1
        }
        self.hashes.append(hash)
        self.size = newSize
    }

    /// The root hash `MTH(D[0:size])`; ``MerkleHash/emptyRoot`` when empty.
    public var root: Hash32 {
        guard var hash = self.hashes.last else { return MerkleHash.emptyRoot }
        for left in self.hashes.dropLast().reversed() {
            hash = MerkleHash.node(left, hash)
        }
        return hash
    }
}
