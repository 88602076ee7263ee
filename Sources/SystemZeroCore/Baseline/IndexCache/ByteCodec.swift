/// Appends values to a byte buffer in the index cache's encoding: integers as LEB128, doubles as their bits,
/// text as its UTF-8 length and bytes.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }

    mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func write(_ value: Double) { write(value.bitPattern) }

    mutating func write(_ text: String) {
        write(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func write(_ text: String?) {
        write(text != nil)
        if let text { write(text) }
    }

    mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }

    mutating func write(raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }
}

/// Reads what ``ByteWriter`` wrote, checking every length against the bytes that are left: a damaged buffer gives
/// ``Failure``, never a crash.
struct ByteReader {
    struct Failure: Error {}

    let bytes: [UInt8]
    private(set) var offset: Int
    let end: Int

    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { offset == end }

    mutating func readUInt64() throws(Failure) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw Failure() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func readInt() throws(Failure) -> Int { Int(Int64(bitPattern: try readUInt64())) }

    /// A count of items that each take at least one byte.
    mutating func readCount() throws(Failure) -> Int {
        let count = try readUInt64()
        guard count <= UInt64(end - offset) else { throw Failure() }
        return Int(count)
    }

    mutating func readBool() throws(Failure) -> Bool {
        guard offset < end else { throw Failure() }
        offset += 1
        switch bytes[offset - 1] {
        case 0: return false
        case 1: return true
        default: throw Failure()
        }
    }

    mutating func readDouble() throws(Failure) -> Double { Double(bitPattern: try readUInt64()) }

    mutating func readRange(count: Int) throws(Failure) -> Range<Int> {
        guard count >= 0, count <= end - offset else { throw Failure() }
        offset += count
        return (offset - count)..<offset
    }

    mutating func readString() throws(Failure) -> String {
        let range = try readRange(count: try readCount())
        guard let text = String(validating: bytes[range], as: UTF8.self) else { throw Failure() }
        return text
    }

    mutating func readOptionalString() throws(Failure) -> String? {
        try readBool() ? try readString() : nil
    }

    mutating func readStrings() throws(Failure) -> [String] {
        var result: [String] = []
        for _ in 0..<(try readCount()) { result.append(try readString()) }
        return result
    }
}
