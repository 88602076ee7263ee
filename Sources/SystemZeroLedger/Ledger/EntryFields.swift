import Foundation

/// What verification reads from one entry's canonical JSON: its leaf hash and the few fields it checks, found by
/// their keys (the first occurrence of each) straight from the stored bytes, without parsing or copying them.
struct EntryFields {
    /// The blob a capture entry names.
    enum BlobName: Hashable {
        /// 64 lowercase hexadecimal digits, the form the ledger writes, held as the hash they spell.
        case sha256(Hash32)
        /// Anything else (which can only fail to verify).
        case other(String)

        /// The name as written in the entry.
        var text: String {
            switch self {
            case .sha256(let hash): hash.hex
            case .other(let text): text
            }
        }
    }

    /// `SHA256(0x00 ‖ bytes)`.
    var leafHash: Hash32
    /// The decimal number after `"seq":`.
    var seq: UInt64?
    /// The string after `"prev_root":"`, when asked for.
    var prevRoot: String?
    /// The string after `"tree":"`.
    var tree: BlobName?

    /// Reads the fields of `bytes`; `prev_root` only when `readingPrevRoot`.
    init(_ bytes: UnsafeRawBufferPointer, readingPrevRoot: Bool) {
        leafHash = MerkleHash.leaf(bytes)
        seq = Self.number(after: Self.seqKey, in: bytes)
        prevRoot = readingPrevRoot ? Self.string(after: Self.prevRootKey, in: bytes).map { String(decoding: $0, as: UTF8.self) } : nil
        tree = Self.string(after: Self.treeKey, in: bytes).map { text in
            Self.lowercaseHex(text).map(BlobName.sha256) ?? .other(String(decoding: text, as: UTF8.self))
        }
    }

    static let seqKey = Array("\"seq\":".utf8)
    static let prevRootKey = Array("\"prev_root\":\"".utf8)
    static let treeKey = Array("\"tree\":\"".utf8)

    /// The offset just past the first occurrence of `key` in `bytes`, or `nil`.
    static func offset(after key: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress, let first = key.first else { return nil }
        return key.withUnsafeBytes { needle -> Int? in
            var start = 0
            while bytes.count - start >= needle.count, let found = memchr(base + start, Int32(first), bytes.count - start) {
                let offset = base.distance(to: UnsafeRawPointer(found))
                guard bytes.count - offset >= needle.count else { return nil }
                if memcmp(found, needle.baseAddress!, needle.count) == 0 { return offset + needle.count }
                start = offset + 1
            }
            return nil
        }
    }

    /// The decimal number after `key`, or `nil` when there is no digit there.
    static func number(after key: [UInt8], in bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard let start = offset(after: key, in: bytes) else { return nil }
        var value: UInt64 = 0
        var index = start
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            value = value &* 10 &+ UInt64(bytes[index] - 48)
            index += 1
        }
        return index == start ? nil : value
    }

    /// The bytes after `key` (which ends with the opening quote) up to the next quote; canonical values hold no escapes.
    static func string(after key: [UInt8], in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard let start = offset(after: key, in: bytes),
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\""))
        else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// The hash spelt by exactly 64 lowercase hexadecimal digits, else `nil`.
    static func lowercaseHex(_ text: UnsafeRawBufferPointer) -> Hash32? {
        guard text.count == 2 * Hash32.byteCount else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Hash32.byteCount) { bytes -> Hash32? in
            for index in 0..<Hash32.byteCount {
                guard let high = nibble(text[2 * index]), let low = nibble(text[2 * index + 1]) else { return nil }
                bytes[index] = high << 4 | low
            }
            return Hash32(bytes: bytes)
        }
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
