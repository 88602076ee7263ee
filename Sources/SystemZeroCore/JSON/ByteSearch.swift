/// Finding byte sequences in raw input, without decoding it.
public enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `haystack`, or `nil`.
    public static func firstOffset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        haystack.withUnsafeBufferPointer { firstOffset(of: needle, in: $0) }
    }

    /// `true` when `needle` occurs in `haystack`.
    public static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { firstOffset(of: needle, in: $0) != nil }
    }

    /// The offset of the first occurrence of `needle` in `haystack`, or `nil` (an empty needle is found at 0).
    ///
    /// Eight starting positions at a time, a position is a candidate only when the haystack has the needle's first
    /// byte there and its last byte where the needle would end (SWAR: each comparison flags the bytes that are
    /// equal, with no flag missed, and a spurious flag is only ever a candidate to check); candidates are then
    /// compared in full.
    static func firstOffset(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = needle.count
        guard count > 0 else { return 0 }
        guard haystack.count >= count else { return nil }
        var start = 0
        if count >= 2, let base = haystack.baseAddress {
            let raw = UnsafeRawPointer(base)
            let first = UInt64(needle[0]) &* 0x0101_0101_0101_0101
            let last = UInt64(needle[count - 1]) &* 0x0101_0101_0101_0101
            // Blocks whose eight loads at `start` and `start + count - 1` stay inside the haystack.
            while start + count - 1 + 8 <= haystack.count {
                let atFirst = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)) ^ first
                let atLast = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + count - 1, as: UInt64.self)) ^ last
                var candidates = zeroBytes(atFirst) & zeroBytes(atLast)
                while candidates != 0 {
                    let position = start + candidates.trailingZeroBitCount >> 3
                    if matches(needle, in: haystack, at: position) { return position }
                    candidates &= candidates &- 1
                }
                start += 8
            }
        }
        while start <= haystack.count - count {
            if matches(needle, in: haystack, at: start) { return start }
            start += 1
        }
        return nil
    }

    /// The top bit of each byte of `word` that may be zero: set for every zero byte, and possibly for a byte
    /// above one (a borrow), never for a byte below the lowest zero.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    @inline(__always)
    private static func matches(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var offset = 0
        while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
        return offset == needle.count
    }
}
