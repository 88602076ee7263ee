/// A list of Merkle tree hashes to produce (a root, or the elements of a proof), each described by the
/// complete subtrees it is made of.
///
/// Every node of an RFC 9162 tree covers `D[start:start+n]` with `start` aligned, so its hash is the
/// right-to-left fold of the hashes of the complete subtrees of the binary decomposition of `n`
/// (for example 7 leaves → subtrees of 4, 2 and 1 leaves). A storage layer that keeps complete-subtree
/// hashes can therefore serve any root or proof with O(log n) reads: look up ``requiredSubtrees``
/// (in one batch if it likes), then call ``resolve(_:)``.
public struct MerkleHashPlan: Hashable, Sendable {
    /// One entry per output hash, in output order; each lists complete subtrees from left to right.
    public let nodes: [[SubtreeID]]

    /// Creates a plan from node decompositions. Each inner array must be non-empty.
    public init(nodes: [[SubtreeID]]) {
        self.nodes = nodes
    }

    /// Every distinct complete subtree the plan needs, in first-use order.
    public var requiredSubtrees: [SubtreeID] {
        var seen = Set<SubtreeID>()
        var result: [SubtreeID] = []
        for node in self.nodes {
            for subtree in node where seen.insert(subtree).inserted {
                result.append(subtree)
            }
        }
        return result
    }

    /// Computes the planned hashes, asking `subtreeHash` for the hash of each complete subtree.
    ///
    /// - Parameter subtreeHash: Returns `MTH` of the leaves of a complete subtree (for level 0, the leaf hash).
    /// - Returns: One hash per entry of ``nodes``.
    public func resolve<Failure: Error>(_ subtreeHash: (SubtreeID) throws(Failure) -> Hash32) throws(Failure) -> [Hash32] {
        var result: [Hash32] = []
        result.reserveCapacity(self.nodes.count)
        for node in self.nodes {
            var hash: Hash32? = nil
            for subtree in node.reversed() {
                let next = try subtreeHash(subtree)
                hash = hash.map { MerkleHash.node(next, $0) } ?? next
            }
            result.append(hash ?? MerkleHash.emptyRoot)
        }
        return result
    }

    /// The complete subtrees making up the node `D[start:start+count]`, left to right.
    ///
    /// `start` must be a multiple of the smallest power of two that is at least `count`, which holds for
    /// every node of an RFC 9162 tree.
    static func decompose(start: UInt64, count: UInt64) -> [SubtreeID] {
        var result: [SubtreeID] = []
        var start = start
        var remaining = count
        while remaining > 0 {
            let level = UInt8(UInt64.bitWidth - 1 - remaining.leadingZeroBitCount)
            result.append(SubtreeID(level: level, index: start >> UInt64(level)))
            let size = UInt64(1) << UInt64(level)
            start &+= size
            remaining -= size
        }
        return result
    }
}
