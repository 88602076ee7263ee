import Crypto
import Foundation

/// The RFC 9162 §2.1.1 Merkle tree hash functions, with SHA-256.
///
/// * leaf hash: `SHA-256(0x00 ‖ entry)`
/// * node hash: `SHA-256(0x01 ‖ left ‖ right)`
/// * the root of the empty tree: `SHA-256("")`
///
/// The distinct prefixes give second-preimage resistance between leaves and interior nodes.
public enum MerkleHash {
    /// Domain-separation prefix of a leaf hash.
    public static let leafPrefix: UInt8 = 0x00
    /// Domain-separation prefix of an interior node hash.
    public static let nodePrefix: UInt8 = 0x01

    /// `MTH({})`, the root hash of a tree with no leaves: the SHA-256 of the empty string.
    public static let emptyRoot = Hash32(SHA256().finalize())

    /// The leaf hash of one log entry: `SHA-256(0x00 ‖ entry)`.
    public static func leaf<Bytes: Sequence<UInt8>>(_ entry: Bytes) -> Hash32 {
        var hasher = SHA256()
        withUnsafeBytes(of: Self.leafPrefix) { hasher.update(bufferPointer: $0) }
        hasher.absorb(entry)
        return Hash32(hasher.finalize())
    }

    /// The hash of an interior node: `SHA-256(0x01 ‖ left ‖ right)`.
    public static func node(_ left: Hash32, _ right: Hash32) -> Hash32 {
        var hasher = SHA256()
        withUnsafeBytes(of: Self.nodePrefix) { hasher.update(bufferPointer: $0) }
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Hash32(hasher.finalize())
    }

    /// The node hash over arbitrary-length children, `SHA-256(0x01 ‖ left ‖ right)`.
    ///
    /// Only useful for checking hashers against test vectors; real tree children are always 32 bytes.
    public static func node<Left: Sequence<UInt8>, Right: Sequence<UInt8>>(rawLeft left: Left, rawRight right: Right) -> Hash32 {
        var hasher = SHA256()
        withUnsafeBytes(of: Self.nodePrefix) { hasher.update(bufferPointer: $0) }
        hasher.absorb(left)
        hasher.absorb(right)
        return Hash32(hasher.finalize())
    }
}

extension SHA256 {
    /// Feeds a byte sequence to the hash, without copying when the sequence is contiguous.
    mutating func absorb<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        let absorbed: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            self.update(bufferPointer: UnsafeRawBufferPointer(buffer))
        }
        if absorbed == nil {
            self.update(data: Array(bytes))
        }
    }
}
