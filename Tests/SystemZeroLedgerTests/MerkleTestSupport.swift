import SystemZeroLedger

/// An independent, deliberately naive `MTH` straight from RFC 9162 §2.1.1, used as the oracle.
func referenceRoot(_ leaves: ArraySlice<Hash32>) -> Hash32 {
    guard leaves.count > 1 else { return leaves.first ?? MerkleHash.emptyRoot }
    var k = 1
    while k * 2 < leaves.count { k *= 2 }
    return MerkleHash.node(referenceRoot(leaves.prefix(k)), referenceRoot(leaves.dropFirst(k)))
}

/// `hash` with one bit inverted.
func flipping(_ hash: Hash32, bit: Int) -> Hash32 {
    Hash32(bytes: TestBytes.flipping(hash.bytes, bit: bit)) ?? hash
}

/// Deterministic pseudo-random log entries of varying length.
func sampleEntries(count: Int, seed: UInt64) -> [[UInt8]] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
        (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
