import Crypto

/// A 32-byte hash value: a Merkle tree node, leaf hash or root (SHA-256 output).
///
/// `Hash32` stores its bytes inline (no heap allocation), so it is cheap to copy, compare and use as a
/// dictionary key. Equality is byte equality.
public struct Hash32: Sendable {
    /// The number of bytes in a hash.
    public static let byteCount = 32

    /// The 32 bytes in order, as four machine words in memory order.
    private var storage: (UInt64, UInt64, UInt64, UInt64)

    /// A hash of 32 zero bytes. Useful as a placeholder; it is not the hash of anything.
    public static let zero = Hash32(storage: (0, 0, 0, 0))

    private init(storage: (UInt64, UInt64, UInt64, UInt64)) {
        self.storage = storage
    }

    /// Creates a hash from exactly 32 bytes; returns `nil` for any other length.
    public init?<Bytes: Collection<UInt8>>(bytes: Bytes) {
        guard bytes.count == Self.byteCount else { return nil }
        self.init(storage: (0, 0, 0, 0))
        withUnsafeMutableBytes(of: &self.storage) { buffer in
            buffer.copyBytes(from: bytes)
        }
    }

    /// Creates a hash from a SHA-256 digest.
    public init(_ digest: SHA256.Digest) {
        self.init(storage: (0, 0, 0, 0))
        digest.withUnsafeBytes { digestBytes in
            withUnsafeMutableBytes(of: &self.storage) { buffer in
                buffer.copyMemory(from: digestBytes)
            }
        }
    }

    /// Parses 64 hexadecimal characters (either case); returns `nil` for anything else.
    public init?(hex: some StringProtocol) {
        guard let bytes = ByteEncoding.decodeHex(hex) else { return nil }
        self.init(bytes: bytes)
    }

    /// Parses canonical, padded standard base64 of exactly 32 bytes; returns `nil` for anything else.
    public init?(base64: some StringProtocol) {
        guard let bytes = ByteEncoding.decodeBase64(base64) else { return nil }
        self.init(bytes: bytes)
    }

    /// Calls `body` with the 32 bytes of the hash.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        var copy = self.storage
        return try Swift.withUnsafeBytes(of: &copy) { (buffer) throws(Failure) -> Result in
            try body(buffer)
        }
    }

    /// The 32 bytes of the hash.
    public var bytes: [UInt8] {
        self.withUnsafeBytes { Array($0) }
    }

    /// Lowercase hexadecimal form (64 characters).
    public var hex: String {
        ByteEncoding.hex(self.bytes)
    }

    /// Standard padded base64 form (44 characters), as used in checkpoints and transparency-dev test data.
    public var base64: String {
        ByteEncoding.base64(self.bytes)
    }
}

extension Hash32: Hashable {
    /// Byte equality.
    public static func == (lhs: Hash32, rhs: Hash32) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1
            && lhs.storage.2 == rhs.storage.2 && lhs.storage.3 == rhs.storage.3
    }

    /// Hashes the 32 bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.storage.0)
        hasher.combine(self.storage.1)
        hasher.combine(self.storage.2)
        hasher.combine(self.storage.3)
    }
}

extension Hash32: CustomStringConvertible {
    /// The lowercase hexadecimal form.
    public var description: String { self.hex }
}
