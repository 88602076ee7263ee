/// A strict RFC 8259 JSON parser with limits.
///
/// Depth and string length are checked as the parser reads, before it recurses or copies, so a 100,000-deep
/// document or a gigabyte string fails at once with a position rather than exhausting the stack or memory.
/// Invalid UTF-8 inside strings is an error, as are violations of the grammar (trailing commas, leading zeros, lone
/// surrogates, bytes after the document) and a key given twice in one object (RFC 8259 leaves its meaning open, and
/// parsers differ on which one wins, so two tools would read one document two ways; I-JSON, RFC 7493, forbids it).
public struct JSONParser: Sendable {
    public var limits: ImportLimits

    public init(limits: ImportLimits = .default) {
        self.limits = limits
    }

    /// Parses one JSON document.
    public func parse(_ bytes: [UInt8]) throws(ImportError) -> JSONValue {
        guard bytes.count <= limits.maxBytes else {
            throw ImportError(.tooLarge(bytes: bytes.count, limit: limits.maxBytes))
        }
        let limits = self.limits
        return try bytes.withUnsafeBufferPointer { (buffer) throws(ImportError) -> JSONValue in
            var reader = JSONReader(buffer, limits: limits)
            reader.skipWhitespace()
            let value = try reader.parseValue(depth: 1)
            reader.skipWhitespace()
            guard reader.index == reader.count else {
                throw reader.error(.malformed("unexpected bytes after the JSON document"))
            }
            return value
        }
    }
}

/// The reading machinery behind ``JSONParser``, also used by the native capture fast path.
///
/// It reads from a buffer that is only valid inside the `withUnsafeBufferPointer` call that made it, so a reader
/// never outlives that call. Every read `bytes[i]` is preceded by a check that `i < count`.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    let maxDepth: Int
    let maxStringLength: Int
    var index = 0
    /// Short ASCII strings made so far (keys and other strings repeat in a document), by their bytes.
    private var recentStrings: [RecentString] = []

    private struct RecentString {
        var low: UInt64
        var high: UInt64
        var length: Int
        var string: String
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>, limits: ImportLimits) {
        self.bytes = bytes
        self.count = bytes.count
        self.maxDepth = limits.maxDepth
        self.maxStringLength = limits.maxStringLength
    }

    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")

    func error(_ reason: ImportError.Reason, at offset: Int? = nil) -> ImportError {
        ImportError(reason, position: .of(offset: offset ?? index, in: bytes))
    }

    @inline(__always)
    mutating func skipWhitespace() {
        // Most documents have no whitespace between tokens: check once before looping.
        guard index < count, bytes[index] <= 0x20 else { return }
        var position = index
        let raw = UnsafeRawBufferPointer(bytes)
        while position < count {
            // Indentation eight spaces at a time.
            if count - position >= 8, raw.loadUnaligned(fromByteOffset: position, as: UInt64.self) == 0x2020_2020_2020_2020 {
                position &+= 8
                continue
            }
            let byte = bytes[position]
            guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { break }
            position &+= 1
        }
        index = position
    }

    /// The byte at `index`, or `nil` at the end.
    @inline(__always)
    func peek() -> UInt8? {
        index < count ? bytes[index] : nil
    }

    mutating func parseValue(depth: Int) throws(ImportError) -> JSONValue {
        guard index < count else { throw error(.malformed("the JSON document ends too early")) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error(.malformed("unexpected character where a JSON value should start"))
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(ImportError) {
        let length = literal.utf8CodeUnitCount
        guard index + length <= count else { throw error(.malformed("the JSON document ends too early")) }
        let matches = literal.withUTF8Buffer { expected in
            var offset = 0
            while offset < length {
                // index + offset < index + length <= count
                if bytes[index + offset] != expected[offset] { return false }
                offset += 1
            }
            return true
        }
        guard matches else { throw error(.malformed("invalid literal")) }
        index += length
    }

    mutating func parseObject(depth: Int) throws(ImportError) -> JSONValue {
        guard depth <= maxDepth else { throw error(.tooDeep(limit: maxDepth)) }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        var largeObjectKeys: Set<String>?
        skipWhitespace()
        if index < count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        members.reserveCapacity(8)
        while true {
            skipWhitespace()
            guard index < count, bytes[index] == Self.quote else {
                throw error(.malformed("expected a string key in an object"))
            }
            let keyStart = index
            let key = try parseString()
            // Small objects (nearly all) are searched; a large one gets a set, so a hostile object of a million keys
            // costs a million lookups, not a million squared.
            let repeated: Bool
            if members.count < 16 {
                repeated = members.contains { $0.key == key }
            } else {
                if largeObjectKeys == nil { largeObjectKeys = Set(members.map(\.key)) }
                repeated = largeObjectKeys?.insert(key).inserted == false
            }
            if repeated { throw error(.malformed("the key \"\(key.prefix(64))\" appears twice in one object"), at: keyStart) }
            skipWhitespace()
            guard index < count, bytes[index] == UInt8(ascii: ":") else {
                throw error(.malformed("expected ':' after an object key"))
            }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            guard index < count else { throw error(.malformed("the JSON document ends inside an object")) }
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") {
                index += 1
            } else if byte == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            } else {
                throw error(.malformed("expected ',' or '}' in an object"))
            }
        }
    }

    mutating func parseArray(depth: Int) throws(ImportError) -> JSONValue {
        guard depth <= maxDepth else { throw error(.tooDeep(limit: maxDepth)) }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        elements.reserveCapacity(4)
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < count else { throw error(.malformed("the JSON document ends inside an array")) }
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") {
                index += 1
            } else if byte == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            } else {
                throw error(.malformed("expected ',' or ']' in an array"))
            }
        }
    }

    /// Scans from the opening quote at `index` to the first quote or backslash, checking the bytes in between.
    /// Returns that position (`< count`) and whether the bytes were all ASCII; throws as ``parseString()`` does.
    @inline(__always)
    func scanPlainPrefix(from start: Int) throws(ImportError) -> (end: Int, ascii: Bool) {
        var scan = start + 1
        var high: UInt8 = 0
        // Eight bytes at a time: flag quotes, backslashes and control bytes (SWAR; a borrow can only spoil the
        // flags of bytes after a flagged one, so the lowest flag is exact), then finish byte by byte from there.
        if scan >= 0 {
            let raw = UnsafeRawBufferPointer(bytes)
            var highBits: UInt64 = 0
            while count - scan >= 8 {
                let chunk = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: scan, as: UInt64.self))
                let quotes = chunk ^ 0x2222_2222_2222_2222
                let backslashes = chunk ^ 0x5C5C_5C5C_5C5C_5C5C
                let flags =
                    ((quotes &- 0x0101_0101_0101_0101) & ~quotes | (backslashes &- 0x0101_0101_0101_0101) & ~backslashes
                        | (chunk &- 0x2020_2020_2020_2020) & ~chunk) & 0x8080_8080_8080_8080
                if flags != 0 {
                    let plain = flags.trailingZeroBitCount >> 3
                    if plain > 0 { highBits |= chunk & (UInt64.max >> UInt64(64 - plain * 8)) }
                    scan += plain
                    break
                }
                highBits |= chunk
                scan += 8
            }
            if highBits & 0x8080_8080_8080_8080 != 0 { high = 0x80 }
        }
        while scan < count {
            let byte = bytes[scan]
            if byte == Self.quote || byte == Self.backslash { break }
            if byte < 0x20 { throw error(.malformed("a control character inside a string must be escaped"), at: scan) }
            high |= byte
            scan += 1
        }
        guard scan < count else { throw error(.malformed("a string is not closed"), at: start) }
        guard scan - (start + 1) <= maxStringLength else { throw error(.stringTooLong(limit: maxStringLength), at: start) }
        return (scan, high < 0x80)
    }

    /// Reads the string at `index` (its opening quote).
    mutating func parseString() throws(ImportError) -> String {
        let start = index
        let (scan, asciiOnly) = try scanPlainPrefix(from: start)
        index = start + 1
        if bytes[scan] == Self.quote {
            let slice = UnsafeBufferPointer(rebasing: bytes[index..<scan])
            index = scan + 1
            if asciiOnly { return asciiString(from: start + 1, length: slice.count) }
            guard let string = String(validating: slice, as: UTF8.self) else {
                throw error(.invalidUTF8, at: start + 1 + (UTF8Validation.firstInvalidOffset(in: slice) ?? 0))
            }
            return string
        }
        // Slow path: unescape into a buffer.
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[index..<scan]))
        index = scan
        while true {
            guard index < count else { throw error(.malformed("a string is not closed"), at: start) }
            let byte = bytes[index]
            if byte == Self.quote {
                index += 1
                break
            }
            if byte < 0x20 { throw error(.malformed("a control character inside a string must be escaped")) }
            if byte == Self.backslash {
                try parseEscape(into: &buffer)
            } else {
                buffer.append(byte)
                index += 1
            }
            guard buffer.count <= maxStringLength else { throw error(.stringTooLong(limit: maxStringLength), at: start) }
        }
        guard let string = String(validating: buffer, as: UTF8.self) else {
            throw error(.invalidUTF8, at: start + 1 + (UTF8Validation.firstInvalidOffset(in: buffer) ?? 0))
        }
        return string
    }

    /// The ASCII bytes `start..<start + length` (inside the buffer) as a string; strings of up to 16 bytes are
    /// remembered by their bytes and made once.
    @inline(__always)
    mutating func asciiString(from start: Int, length: Int) -> String {
        // Callers pass a range inside the buffer; anything else gets no bytes read.
        guard start >= 0, length >= 0, length <= count - start else { return "" }
        guard length > 0, length <= 16 else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]), as: UTF8.self)
        }
        var low: UInt64 = 0
        var high: UInt64 = 0
        if count - start >= 16 {
            let raw = UnsafeRawBufferPointer(bytes)
            low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self))
            if length < 8 {
                low &= (UInt64(1) << UInt64(length * 8)) - 1
                high = 0
            } else if length < 16 {
                high &= (UInt64(1) << UInt64((length - 8) * 8)) - 1
            }
        } else {
            for offset in 0..<length {
                let byte = UInt64(bytes[start + offset])
                if offset < 8 { low |= byte << UInt64(offset * 8) } else { high |= byte << UInt64((offset - 8) * 8) }
            }
        }
        if recentStrings.isEmpty {
            recentStrings = Array(repeating: RecentString(low: 0, high: 0, length: 0, string: ""), count: 64)
        }
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        let slot = Int(truncatingIfNeeded: mixed >> 58)
        if recentStrings[slot].length == length, recentStrings[slot].low == low, recentStrings[slot].high == high {
            return recentStrings[slot].string
        }
        let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]), as: UTF8.self)
        recentStrings[slot] = RecentString(low: low, high: high, length: length, string: string)
        return string
    }

    /// Reads the string at `index` (its opening quote) when it has no escapes, returning the range of its bytes
    /// (checked as ``parseString()`` checks them) and moving past it. With an escape it returns `nil` and leaves
    /// `index` where it was, for ``parseString()``.
    mutating func parsePlainStringRange() throws(ImportError) -> Range<Int>? {
        let start = index
        let (scan, asciiOnly) = try scanPlainPrefix(from: start)
        guard bytes[scan] == Self.quote else { return nil }
        let range = (start + 1)..<scan
        if !asciiOnly {
            let slice = UnsafeBufferPointer(rebasing: bytes[range])
            guard String(validating: slice, as: UTF8.self) != nil else {
                throw error(.invalidUTF8, at: start + 1 + (UTF8Validation.firstInvalidOffset(in: slice) ?? 0))
            }
        }
        index = scan + 1
        return range
    }

    /// `true` when the bytes in `range` (inside the buffer) are exactly `text`, which must be ASCII.
    @inline(__always)
    func rangeEquals(_ range: Range<Int>, _ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        guard range.count == length, range.lowerBound >= 0, range.upperBound <= count else { return false }
        return text.withUTF8Buffer { expected in
            var offset = 0
            while offset < length {
                if bytes[range.lowerBound + offset] != expected[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    /// The bytes in `range` (inside the buffer) as a string; they must be valid UTF-8, as a range from
    /// ``parsePlainStringRange()`` is.
    func string(in range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    mutating func parseEscape(into buffer: inout [UInt8]) throws(ImportError) {
        index += 1
        guard index < count else { throw error(.malformed("a string ends inside an escape")) }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard index + 1 < count, bytes[index] == Self.backslash, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error(.invalidUTF8)
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error(.invalidUTF8) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error(.invalidUTF8)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error(.invalidUTF8) }
            UTF8.encode(unicode) { buffer.append($0) }
        default: throw error(.malformed("unknown escape in a string"))
        }
    }

    mutating func parseHex4() throws(ImportError) -> UInt32 {
        guard index + 4 <= count else { throw error(.malformed("a \\u escape needs four hex digits")) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.malformed("a \\u escape needs four hex digits"))
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    @inline(__always)
    func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    func digit(at position: Int) -> Bool { position < count && isDigit(bytes[position]) }

    /// The digits that start the eight bytes from `position` (when eight are left): their value and how many
    /// there are (0 to 8). SWAR, as in fast_float: a byte that is not a digit gets its top bit set in `flags`;
    /// borrows and carries only spoil the flags of later bytes, so the lowest flag marks the first non-digit.
    @inline(__always)
    func leadingDigits(at position: Int) -> (value: UInt64, count: Int)? {
        guard position >= 0, count - position >= 8 else { return nil }
        let chunk = UInt64(littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: position, as: UInt64.self))
        let flags = ((chunk &+ 0x4646_4646_4646_4646) | (chunk &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080
        let digitCount = flags == 0 ? 8 : flags.trailingZeroBitCount >> 3
        guard digitCount > 0 else { return (0, 0) }
        // The digits to the top bytes (the first, most significant, digit lowest); the bytes shifted in are zeros.
        var value = chunk << UInt64((8 - digitCount) << 3)
        value = ((value & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
        value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        value = ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
        return (value, digitCount)
    }

    /// 10^n for n in 0...8.
    @inline(__always)
    static func smallPowerOfTen(_ n: Int) -> UInt64 {
        switch n {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        default: 100_000_000
        }
    }

    /// Reads the number at `index`.
    ///
    /// Numbers are converted exactly (correctly rounded, as `Double(String)` does): integers of up to 15
    /// characters directly, other decimals of up to 19 significant digits by exact integer arithmetic
    /// (``JSONNumber``), and anything else through `Double(String)`.
    mutating func parseNumber() throws(ImportError) -> Double {
        let start = index
        var position = index
        var negative = false
        if position < count, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position &+= 1
        }
        guard digit(at: position) else {
            index = position
            throw error(.malformed("invalid number"))
        }
        // Significant digits, accumulated while they fit: `significand` holds the first `digits` of them (at most
        // 19), `fractionDigits` counts those after the point.
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        if bytes[position] == UInt8(ascii: "0") {
            position &+= 1
            if digit(at: position) {
                index = position
                throw error(.malformed("a number has a leading zero"))
            }
        } else {
            // Eight bytes at a time while the digits fit; then byte by byte.
            while let run = leadingDigits(at: position), digits &+ run.count <= 19 {
                significand = significand &* Self.smallPowerOfTen(run.count) &+ run.value
                digits &+= run.count
                position &+= run.count
                if run.count < 8 { break }
            }
            while position < count {
                let value = bytes[position] &- UInt8(ascii: "0")
                guard value < 10 else { break }
                if digits < 19 { significand = significand &* 10 &+ UInt64(value) }
                digits &+= 1
                position &+= 1
            }
        }
        var integral = true
        if position < count, bytes[position] == UInt8(ascii: ".") {
            integral = false
            position &+= 1
            guard digit(at: position) else {
                index = position
                throw error(.malformed("invalid number"))
            }
            // Leading zeros of the fraction count as digits here (they add nothing to `significand`).
            while let run = leadingDigits(at: position), digits &+ run.count <= 19 {
                significand = significand &* Self.smallPowerOfTen(run.count) &+ run.value
                digits &+= run.count
                fractionDigits &+= run.count
                position &+= run.count
                if run.count < 8 { break }
            }
            while position < count {
                let value = bytes[position] &- UInt8(ascii: "0")
                guard value < 10 else { break }
                if digits == 0 && value == 0 {
                    // A leading zero of the fraction is not significant.
                } else {
                    if digits < 19 { significand = significand &* 10 &+ UInt64(value) }
                    digits &+= 1
                }
                if digits <= 19 { fractionDigits &+= 1 }
                position &+= 1
            }
        }
        var exponent = 0
        var exponentFits = true
        if position < count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            integral = false
            position &+= 1
            var exponentNegative = false
            if position < count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position &+= 1
            }
            guard digit(at: position) else {
                index = position
                throw error(.malformed("invalid number"))
            }
            while position < count {
                let value = bytes[position] &- UInt8(ascii: "0")
                guard value < 10 else { break }
                if exponent < 10_000 { exponent = exponent &* 10 &+ Int(value) } else { exponentFits = false }
                position &+= 1
            }
            if exponentNegative { exponent = -exponent }
        }
        index = position
        if integral, position - start <= 15 {
            // At most 15 characters: the digits fit in `significand` exactly (as Int64 arithmetic did).
            let value = Int64(significand)
            return Double(negative ? -value : value)
        }
        if digits <= 19, exponentFits,
            let value = JSONNumber.correctlyRounded(significand: significand, exponent10: exponent - fractionDigits)
        {
            return negative ? -value : value
        }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
        guard let value = Double(String(decoding: slice, as: UTF8.self)), value.isFinite else {
            throw error(.malformed("a number is out of range"), at: start)
        }
        return value
    }
}

/// Exact decimal-to-binary conversion for the common cases: the Eisel-Lemire algorithm as fast_float implements
/// it (Lemire, "Number Parsing at a Gigabyte per Second", 2021; Mushtak and Lemire, "Fast Number Parsing Without
/// Fallback", 2023), for significands of at most 19 digits and decimal exponents in a small range.
enum JSONNumber {
    /// The decimal exponents with a table entry.
    static let exponentRange = -27...27

    /// For each exponent `q` in ``exponentRange``, the 128 bits fast_float's `power_of_five_128` holds: for
    /// `q >= 0`, 5^q shifted so that its top bit is bit 127; for `q < 0`, `2^(z + 127) / 5^-q` rounded down, plus
    /// one, where `2^z` is the least power of two above `5^-q`.
    static let powersOfFive: [(high: UInt64, low: UInt64)] = exponentRange.map { q in
        if q >= 0 {
            var power: UInt64 = 1
            for _ in 0..<q { power *= 5 }
            // Shift the 64-bit power into the top of 128 bits.
            let shift = power.leadingZeroBitCount
            return (high: power << shift, low: 0)
        }
        var power: UInt64 = 1
        for _ in 0..<(-q) { power *= 5 }
        let z = UInt64.bitWidth - power.leadingZeroBitCount  // 2^(z-1) < 5^-q < 2^z
        // 2^(z + 127) as three 64-bit limbs, most significant first, divided by 5^-q limb by limb.
        let exponent = z + 127
        var limbs: [UInt64] = [0, 0, 0]
        limbs[2 - exponent / 64] = 1 << UInt64(exponent % 64)
        var quotient: [UInt64] = []
        var remainder: UInt64 = 0
        for limb in limbs {
            let (digit, rest) = power.dividingFullWidth((high: remainder, low: limb))
            quotient.append(digit)
            remainder = rest
        }
        // quotient[0] is 0: the quotient is below 2^128. Add one.
        let (low, carry) = quotient[2].addingReportingOverflow(1)
        return (high: quotient[1] &+ (carry ? 1 : 0), low: low)
    }

    /// `significand × 10^exponent10`, correctly rounded to the nearest double (ties to even), or `nil` when the
    /// exponent is outside ``exponentRange``.
    static func correctlyRounded(significand: UInt64, exponent10 q: Int) -> Double? {
        if significand == 0 { return 0 }
        guard exponentRange.contains(q) else { return nil }
        let power = powersOfFive[q - exponentRange.lowerBound]
        let leadingZeros = significand.leadingZeroBitCount
        let w = significand << UInt64(leadingZeros)
        // The product of w and the 128-bit power, to the precision needed (52 explicit bits + 3).
        var product = w.multipliedFullWidth(by: power.high)
        let precisionMask: UInt64 = 0xFFFF_FFFF_FFFF_FFFF >> 55
        if product.high & precisionMask == precisionMask {
            let second = w.multipliedFullWidth(by: power.low)
            let (low, carry) = product.low.addingReportingOverflow(second.high)
            product.low = low
            if carry { product.high &+= 1 }
        }
        let upperBit = Int(product.high >> 63)
        let shift = UInt64(upperBit + 64 - 52 - 3)
        var mantissa = product.high >> shift
        var power2 = ((((152_170 + 65_536) * q) >> 16) + 63) + upperBit - leadingZeros + 1023
        // Far from the subnormal and infinite ranges for these exponents; checked all the same.
        guard power2 > 0 else { return nil }
        // Usually round up; exactly halfway between two doubles with an even lower one, round down.
        if product.low <= 1, q >= -4, q <= 23, mantissa & 3 == 1, mantissa << shift == product.high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= (2 << 52) {
            mantissa = 1 << 52
            power2 += 1
        }
        mantissa &= ~(1 << 52)
        guard power2 < 0x7FF else { return nil }
        return Double(bitPattern: mantissa | (UInt64(power2) << 52))
    }
}
