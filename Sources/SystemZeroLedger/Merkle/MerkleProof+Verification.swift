extension MerkleProof {
    /// Recomputes the root implied by an inclusion proof (RFC 9162 §2.1.3.2).
    ///
    /// - Throws: ``ProofError/indexOutOfRange(index:treeSize:)`` or ``ProofError/wrongProofLength(actual:expected:)``.
    public static func rootFromInclusionProof(
        leafHash: Hash32,
        index: UInt64,
        treeSize: UInt64,
        proof: [Hash32]
    ) throws(ProofError) -> Hash32 {
        guard index < treeSize else { throw .indexOutOfRange(index: index, treeSize: treeSize) }
        let (inner, border) = self.decomposeInclusionProof(index: index, treeSize: treeSize)
        guard proof.count == inner + border else { throw .wrongProofLength(actual: proof.count, expected: inner + border) }
        let hash = self.chainInner(leafHash, proof[..<inner], index: index)
        return self.chainBorderRight(hash, proof[inner...])
    }

    /// Verifies that the leaf with hash `leafHash` is at `index` in the tree of `treeSize` leaves whose root
    /// is `root` (RFC 9162 §2.1.3.2).
    ///
    /// - Throws: a ``ProofError`` naming the first problem found; ``ProofError/rootMismatch(_:)`` if the proof
    ///   is well-formed but does not lead to `root`.
    public static func verifyInclusion(
        leafHash: Hash32,
        index: UInt64,
        treeSize: UInt64,
        proof: [Hash32],
        root: Hash32
    ) throws(ProofError) {
        let computed = try self.rootFromInclusionProof(leafHash: leafHash, index: index, treeSize: treeSize, proof: proof)
        guard computed == root else { throw .rootMismatch(.root) }
    }

    /// Verifies an inclusion proof whose hashes arrive as raw bytes (for example decoded from the wire).
    ///
    /// Follows transparency-dev/merkle: a leaf hash or proof element that is not exactly 32 bytes is an
    /// error; a root of the wrong length can never match.
    public static func verifyInclusion(
        leafHash: [UInt8],
        index: UInt64,
        treeSize: UInt64,
        proof: [[UInt8]],
        root: [UInt8]
    ) throws(ProofError) {
        guard index < treeSize else { throw .indexOutOfRange(index: index, treeSize: treeSize) }
        let leaf = try self.hash(leafHash, role: .leafHash)
        let elements = try self.hashes(proof)
        let computed = try self.rootFromInclusionProof(leafHash: leaf, index: index, treeSize: treeSize, proof: elements)
        guard computed.withUnsafeBytes({ $0.elementsEqual(root) }) else { throw .rootMismatch(.root) }
    }

    /// Verifies that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves with
    /// root `root1` (RFC 9162 §2.1.4.2).
    ///
    /// Edge rules (as in transparency-dev/merkle): `size1 == 0` is always an error, even `0 → 0`;
    /// `size1 > size2` is an error; `size1 == size2` requires an empty proof and equal roots.
    public static func verifyConsistency(
        size1: UInt64,
        size2: UInt64,
        proof: [Hash32],
        root1: Hash32,
        root2: Hash32
    ) throws(ProofError) {
        try self.checkConsistencySizes(size1: size1, size2: size2, proofCount: proof.count)
        if size1 == size2 {
            guard root1 == root2 else { throw .rootMismatch(.root2) }
            return
        }

        // Start from the largest complete subtree on the right edge of the old tree.
        let level = UInt64(size1.trailingZeroBitCount)
        let index = (size1 - 1) >> level
        let (inner, border) = self.decomposeInclusionProof(index: index, treeSize: ((size2 - 1) >> level) + 1)
        // If the old tree is complete (a power of two), its root is the seed and is not repeated in the proof.
        let seed: Hash32
        let start: Int
        if index == 0 {
            seed = root1
            start = 0
        } else {
            guard let first = proof.first else { throw .wrongProofLength(actual: 0, expected: 1 + inner + border) }
            seed = first
            start = 1
        }
        guard proof.count == start + inner + border else {
            throw .wrongProofLength(actual: proof.count, expected: start + inner + border)
        }
        let path = proof[start...]
        let innerPath = path.prefix(inner)
        let borderPath = path.dropFirst(inner)

        let hash1 = self.chainBorderRight(self.chainInnerRight(seed, innerPath, index: index), borderPath)
        guard hash1 == root1 else { throw .rootMismatch(.root1) }
        let hash2 = self.chainBorderRight(self.chainInner(seed, innerPath, index: index), borderPath)
        guard hash2 == root2 else { throw .rootMismatch(.root2) }
    }

    /// Verifies a consistency proof whose hashes arrive as raw bytes.
    ///
    /// As in transparency-dev/merkle, roots of equal-size trees are compared byte for byte whatever their
    /// length; otherwise every hash must be exactly 32 bytes.
    public static func verifyConsistency(
        size1: UInt64,
        size2: UInt64,
        proof: [[UInt8]],
        root1: [UInt8],
        root2: [UInt8]
    ) throws(ProofError) {
        try self.checkConsistencySizes(size1: size1, size2: size2, proofCount: proof.count)
        if size1 == size2 {
            guard root1 == root2 else { throw .rootMismatch(.root2) }
            return
        }
        try self.verifyConsistency(
            size1: size1,
            size2: size2,
            proof: self.hashes(proof),
            root1: self.hash(root1, role: .root1),
            root2: self.hash(root2, role: .root2)
        )
    }

    // MARK: - Helpers (after transparency-dev/merkle proof/verify.go)

    private static func checkConsistencySizes(size1: UInt64, size2: UInt64, proofCount: Int) throws(ProofError) {
        guard size1 <= size2 else { throw .treeSizesDecreasing(size1: size1, size2: size2) }
        guard size1 > 0 else { throw .emptyTreeConsistency }
        if size1 == size2, proofCount != 0 { throw .nonEmptyProofForEqualSizes(count: proofCount) }
    }

    /// Splits an inclusion proof length into the part below the point where the leaf's path leaves the
    /// tree's right border ("inner") and the part along the border.
    static func decomposeInclusionProof(index: UInt64, treeSize: UInt64) -> (inner: Int, border: Int) {
        let inner = UInt64.bitWidth - (index ^ (treeSize - 1)).leadingZeroBitCount
        let border = (index >> UInt64(inner)).nonzeroBitCount
        return (inner, border)
    }

    private static func chainInner(_ seed: Hash32, _ proof: ArraySlice<Hash32>, index: UInt64) -> Hash32 {
        var hash = seed
        for (offset, element) in proof.enumerated() {
            hash = (index >> UInt64(offset)) & 1 == 0 ? MerkleHash.node(hash, element) : MerkleHash.node(element, hash)
        }
        return hash
    }

    private static func chainInnerRight(_ seed: Hash32, _ proof: ArraySlice<Hash32>, index: UInt64) -> Hash32 {
        var hash = seed
        for (offset, element) in proof.enumerated() where (index >> UInt64(offset)) & 1 == 1 {
            hash = MerkleHash.node(element, hash)
        }
        return hash
    }

    private static func chainBorderRight(_ seed: Hash32, _ proof: ArraySlice<Hash32>) -> Hash32 {
        proof.reduce(seed) { MerkleHash.node($1, $0) }
    }

    private static func hash(_ bytes: [UInt8], role: ProofError.HashRole) throws(ProofError) -> Hash32 {
        guard let hash = Hash32(bytes: bytes) else { throw .invalidHashLength(role, length: bytes.count) }
        return hash
    }

    private static func hashes(_ proof: [[UInt8]]) throws(ProofError) -> [Hash32] {
        var result: [Hash32] = []
        result.reserveCapacity(proof.count)
        for (position, bytes) in proof.enumerated() {
            result.append(try self.hash(bytes, role: .proofElement(position)))
        }
        return result
    }
}
