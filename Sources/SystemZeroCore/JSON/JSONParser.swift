/// A strict RFC 8259 JSON parser with limits.
///
/// Depth and string length are checked as the parser reads, before it recurses or copies, so a 100,000-deep
/// document or a gigabyte string fails at once with a position rather than exhausting the stack or memory.
/// Invalid UTF-8 inside strings is an error, as are duplicate-free violations of the grammar: trailing commas,
/// leading zeros, lone surrogates and bytes after the document.
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
        var reader = Reader(bytes: bytes, limits: limits)
        reader.skipWhitespace()
        let value = try reader.parseValue(depth: 1)
        reader.skipWhitespace()
        guard reader.index == bytes.count else {
            throw reader.error(.malformed("unexpected bytes after the JSON document"))
        }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        let limits: ImportLimits
        var index = 0

        init(bytes: [UInt8], limits: ImportLimits) {
            self.bytes = bytes
            self.limits = limits
        }

        func error(_ reason: ImportError.Reason, at offset: Int? = nil) -> ImportError {
            ImportError(reason, position: .of(offset: offset ?? index, in: bytes))
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func parseValue(depth: Int) throws(ImportError) -> JSONValue {
            guard index < bytes.count else { throw error(.malformed("the JSON document ends too early")) }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            default: throw error(.malformed("unexpected character where a JSON value should start"))
            }
        }

        mutating func expectLiteral(_ literal: StaticString) throws(ImportError) {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw error(.malformed("the JSON document ends too early")) }
            let matches = literal.withUTF8Buffer { expected in
                (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
            }
            guard matches else { throw error(.malformed("invalid literal")) }
            index += count
        }

        mutating func parseObject(depth: Int) throws(ImportError) -> JSONValue {
            guard depth <= limits.maxDepth else { throw error(.tooDeep(limit: limits.maxDepth)) }
            index += 1
            var members: [(key: String, value: JSONValue)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error(.malformed("expected a string key in an object"))
                }
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw error(.malformed("expected ':' after an object key"))
                }
                index += 1
                skipWhitespace()
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                guard index < bytes.count else { throw error(.malformed("the JSON document ends inside an object")) }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                } else {
                    throw error(.malformed("expected ',' or '}' in an object"))
                }
            }
        }

        mutating func parseArray(depth: Int) throws(ImportError) -> JSONValue {
            guard depth <= limits.maxDepth else { throw error(.tooDeep(limit: limits.maxDepth)) }
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw error(.malformed("the JSON document ends inside an array")) }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                } else {
                    throw error(.malformed("expected ',' or ']' in an array"))
                }
            }
        }

        mutating func parseString() throws(ImportError) -> String {
            let start = index
            index += 1
            // Fast path: no escapes.
            var scan = index
            var asciiOnly = true
            while scan < bytes.count {
                let byte = bytes[scan]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw error(.malformed("a control character inside a string must be escaped"), at: scan) }
                if byte >= 0x80 { asciiOnly = false }
                scan += 1
            }
            guard scan < bytes.count else { throw error(.malformed("a string is not closed"), at: start) }
            guard scan - index <= limits.maxStringLength else { throw error(.stringTooLong(limit: limits.maxStringLength), at: start) }
            if bytes[scan] == UInt8(ascii: "\"") {
                let slice = bytes[index..<scan]
                index = scan + 1
                if asciiOnly { return String(decoding: slice, as: UTF8.self) }
                guard let string = String(validating: slice, as: UTF8.self) else {
                    throw error(.invalidUTF8, at: slice.startIndex + (UTF8Validation.firstInvalidOffset(in: Array(slice)) ?? 0))
                }
                return string
            }
            // Slow path: unescape into a buffer.
            var buffer = Array(bytes[index..<scan])
            index = scan
            while true {
                guard index < bytes.count else { throw error(.malformed("a string is not closed"), at: start) }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    break
                }
                if byte < 0x20 { throw error(.malformed("a control character inside a string must be escaped")) }
                if byte == UInt8(ascii: "\\") {
                    try parseEscape(into: &buffer)
                } else {
                    buffer.append(byte)
                    index += 1
                }
                guard buffer.count <= limits.maxStringLength else { throw error(.stringTooLong(limit: limits.maxStringLength), at: start) }
            }
            guard let string = String(validating: buffer, as: UTF8.self) else {
                throw error(.invalidUTF8, at: start + 1 + (UTF8Validation.firstInvalidOffset(in: buffer) ?? 0))
            }
            return string
        }

        mutating func parseEscape(into buffer: inout [UInt8]) throws(ImportError) {
            index += 1
            guard index < bytes.count else { throw error(.malformed("a string ends inside an escape")) }
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
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
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
                buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: throw error(.malformed("unknown escape in a string"))
            }
        }

        mutating func parseHex4() throws(ImportError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error(.malformed("a \\u escape needs four hex digits")) }
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

        mutating func parseNumber() throws(ImportError) -> Double {
            let start = index
            var integral = true
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error(.malformed("invalid number")) }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw error(.malformed("a number has a leading zero")) }
            } else {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                integral = false
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw error(.malformed("invalid number")) }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                integral = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw error(.malformed("invalid number")) }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            let slice = bytes[start..<index]
            if integral, slice.count <= 15 {
                var value: Int64 = 0
                var negative = false
                for byte in slice {
                    if byte == UInt8(ascii: "-") { negative = true } else { value = value * 10 + Int64(byte - UInt8(ascii: "0")) }
                }
                return Double(negative ? -value : value)
            }
            guard let value = Double(String(decoding: slice, as: UTF8.self)), value.isFinite else {
                throw error(.malformed("a number is out of range"), at: start)
            }
            return value
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    }
}
