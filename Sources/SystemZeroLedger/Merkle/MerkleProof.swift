/// RFC 9162 §2.1 Merkle tree computations: roots (MTH), inclusion proofs (PATH) and consistency
/// proofs (PROOF), and their verification.
///
/// Generation is split in two steps so that it works over any storage: a pure function returns a
/// ``MerkleHashPlan`` naming the complete subtrees needed, and the plan is resolved against a closure
/// that returns the hash of one complete subtree.
public enum MerkleProof {
    /// The plan for the root hash `MTH(D[0:treeSize])`; empty for the empty tree.
    public static func rootPlan(treeSize: UInt64) -> MerkleHashPlan {
        guard treeSize > 0 else { return MerkleHashPlan(nodes: []) }
        return MerkleHashPlan(nodes: [MerkleHashPlan.decompose(start: 0, count: treeSize)])
    }

    /// The root hash `MTH(D[0:treeSize])`, computed from complete-subtree hashes (O(log n) look-ups).
    ///
    /// Returns ``MerkleHash/emptyRoot`` for a tree size of 0.
    public static func root<Failure: Error>(
        treeSize: UInt64,
        subtreeHash: (SubtreeID) throws(Failure) -> Hash32
    ) throws(Failure) -> Hash32 {
        try self.rootPlan(treeSize: treeSize).resolve(subtreeHash).first ?? MerkleHash.emptyRoot
    }

    /// The plan for the inclusion proof `PATH(index, D[0:treeSize])` (RFC 9162 §2.1.3.1), ordered from
    /// the leaf's sibling up to the child of the root.
    ///
    /// - Throws: ``ProofError/indexOutOfRange(index:treeSize:)`` unless `index < treeSize`.
    public static func inclusionPlan(index: UInt64, treeSize: UInt64) throws(ProofError) -> MerkleHashPlan {
        guard index < treeSize else { throw .indexOutOfRange(index: index, treeSize: treeSize) }
        var nodes: [[SubtreeID]] = []
        self.path(index: index, start: 0, count: treeSize, into: &nodes)
        return MerkleHashPlan(nodes: nodes)
    }

    /// The plan for the consistency proof `PROOF(size1, D[0:size2])` (RFC 9162 §2.1.4.1).
    ///
    /// Equal sizes give an empty proof.
    /// - Throws: ``ProofError/emptyTreeConsistency`` if `size1 == 0`,
    ///   ``ProofError/treeSizesDecreasing(size1:size2:)`` if `size1 > size2`.
    public static func consistencyPlan(size1: UInt64, size2: UInt64) throws(ProofError) -> MerkleHashPlan {
        guard size1 <= size2 else { throw .treeSizesDecreasing(size1: size1, size2: size2) }
        guard size1 > 0 else { throw .emptyTreeConsistency }
        var nodes: [[SubtreeID]] = []
        if size1 < size2 {
            self.subproof(size1, start: 0, count: size2, isCompleteSubtreeOfOldTree: true, into: &nodes)
        }
        return MerkleHashPlan(nodes: nodes)
    }

    /// Largest power of two strictly smaller than `count` (`count` ≥ 2).
    static func split(_ count: UInt64) -> UInt64 {
        UInt64(1) << UInt64(UInt64.bitWidth - 1 - (count - 1).leadingZeroBitCount)
    }

    /// `PATH(m, D[start:start+count])`, appended leaf-first.
    private static func path(index: UInt64, start: UInt64, count: UInt64, into nodes: inout [[SubtreeID]]) {
        guard count > 1 else { return }
        let k = self.split(count)
        if index < k {
            self.path(index: index, start: start, count: k, into: &nodes)
            nodes.append(MerkleHashPlan.decompose(start: start + k, count: count - k))
        } else {
            self.path(index: index - k, start: start + k, count: count - k, into: &nodes)
            nodes.append(MerkleHashPlan.decompose(start: start, count: k))
        }
    }

    /// `SUBPROOF(m, D[start:start+count], b)`, appended in proof order.
    private static func subproof(
        _ m: UInt64,
        start: UInt64,
        count: UInt64,
        isCompleteSubtreeOfOldTree: Bool,
        into nodes: inout [[SubtreeID]]
    ) {
        if m == count {
            if !isCompleteSubtreeOfOldTree {
                nodes.append(MerkleHashPlan.decompose(start: start, count: count))
            }
            return
        }
        let k = self.split(count)
        if m <= k {
            self.subproof(m, start: start, count: k, isCompleteSubtreeOfOldTree: isCompleteSubtreeOfOldTree, into: &nodes)
            nodes.append(MerkleHashPlan.decompose(start: start + k, count: count - k))
        } else {
            self.subproof(m - k, start: start + k, count: count - k, isCompleteSubtreeOfOldTree: false, into: &nodes)
            nodes.append(MerkleHashPlan.decompose(start: start, count: k))
        }
    }
}
