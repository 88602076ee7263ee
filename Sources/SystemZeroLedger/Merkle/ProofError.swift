/// Why a Merkle proof could not be generated or did not verify.
public enum ProofError: Error, Hashable, Sendable {
    /// Which value of a verification call a ``ProofError`` refers to.
    public enum HashRole: Hashable, Sendable {
        /// The leaf hash being proven.
        case leafHash
        /// The expected root of an inclusion proof.
        case root
        /// The root of the older (smaller) tree of a consistency proof.
        case root1
        /// The root of the newer (larger) tree of a consistency proof.
        case root2
        /// The proof element at this position.
        case proofElement(Int)
    }

    /// A hash given as raw bytes was not exactly 32 bytes long.
    case invalidHashLength(HashRole, length: Int)
    /// The leaf index is not smaller than the tree size.
    case indexOutOfRange(index: UInt64, treeSize: UInt64)
    /// The proof has the wrong number of elements for the given index and sizes.
    case wrongProofLength(actual: Int, expected: Int)
    /// The root recomputed from the proof differs from the given root.
    case rootMismatch(HashRole)
    /// A consistency proof from the empty tree was requested or checked; it is not defined (RFC 9162 §2.1.4).
    case emptyTreeConsistency
    /// The first tree of a consistency proof is larger than the second.
    case treeSizesDecreasing(size1: UInt64, size2: UInt64)
    /// The tree sizes are equal, so the proof must be empty, but it was not.
    case nonEmptyProofForEqualSizes(count: Int)
    /// The tree does not (yet) contain that many leaves.
    case treeSizeUnavailable(requested: UInt64, available: UInt64)
    /// The hash of a complete subtree that a computation needs is not available.
    case subtreeUnavailable(SubtreeID)
    /// A compact range (frontier) must hold one hash per set bit of its size.
    case invalidFrontier(size: UInt64, hashCount: Int)
}
