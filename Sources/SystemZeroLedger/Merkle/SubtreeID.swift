/// Identifies a complete (perfect) subtree of a Merkle tree: the `2^level` leaves
/// `[index · 2^level, (index + 1) · 2^level)`.
///
/// Level 0 subtrees are single leaves; the hash of a complete subtree never changes once its last
/// leaf has been appended, which is what lets a storage layer persist it and serve any root or proof
/// from O(log n) stored hashes.
public struct SubtreeID: Hashable, Sendable {
    /// Height of the subtree: it spans `2^level` leaves.
    public var level: UInt8
    /// Position of the subtree among the subtrees of the same level, counted from the left.
    public var index: UInt64

    /// Creates the identifier of the subtree `[index · 2^level, (index + 1) · 2^level)`.
    public init(level: UInt8, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// The identifier of the single leaf at `leafIndex` (a level-0 subtree).
    public static func leaf(_ leafIndex: UInt64) -> SubtreeID {
        SubtreeID(level: 0, index: leafIndex)
    }

    /// Index of the first leaf the subtree covers.
    public var firstLeafIndex: UInt64 { self.index << UInt64(self.level) }

    /// Number of leaves the subtree covers (`2^level`).
    public var leafCount: UInt64 { 1 << UInt64(self.level) }
}

extension SubtreeID: CustomStringConvertible {
    /// `level/index`, for diagnostics.
    public var description: String { "\(self.level)/\(self.index)" }
}

/// The hash of one complete subtree, as produced when a log grows (see ``MerkleFrontier/append(_:)``).
public struct SubtreeHash: Hashable, Sendable {
    /// Which subtree.
    public var id: SubtreeID
    /// `MTH` of the leaves it covers.
    public var hash: Hash32

    /// Pairs a subtree with its hash.
    public init(id: SubtreeID, hash: Hash32) {
        self.id = id
        self.hash = hash
    }
}
