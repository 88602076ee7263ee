/// Reads the CSV summary columns out of an entry's JSON bytes without building a ``JSONValue``: it walks the
/// top-level object and its `event` object, decodes the few members it needs and skips the rest.
struct EntryScanner {
    /// The members read, at the top level and inside `event`.
    enum Field: Int, CaseIterable {
        case time, kind, screen, screenID, session, severity, rule, message

        init?(key: ArraySlice<UInt8>) {
            guard key.count <= 9 else { return nil }
            switch String(decoding: key, as: UTF8.self) {
            case "time": self = .time
            case "kind": self = .kind
            case "screen": self = .screen
            case "screen_id": self = .screenID
            case "session": self = .session
            case "severity": self = .severity
            case "rule": self = .rule
            case "message": self = .message
            default: return nil
            }
        }
    }

    /// Cell text per field: decoded text for strings, the JSON text for other values, `nil` for `null` or absent.
    struct Cells {
        var top = [[UInt8]?](repeating: nil, count: Field.allCases.count)
        var event = [[UInt8]?](repeating: nil, count: Field.allCases.count)

        /// The event's value, else the entry's, for the first of `fields` that has one.
        func pick(_ fields: Field...) -> [UInt8]? {
            for field in fields {
                if let value = event[field.rawValue] ?? top[field.rawValue] { return value }
            }
            return nil
        }
    }

    struct Malformed: Error {}

    let bytes: [UInt8]
    var index = 0

    /// The cells of one entry, or `nil` when its bytes are not a well-formed JSON object.
    static func cells(_ data: [UInt8]) -> Cells? {
        var scanner = EntryScanner(bytes: data)
        var cells = Cells()
        do throws(Malformed) {
            try scanner.object { key, scanner throws(Malformed) in
                if key.elementsEqual("event".utf8), scanner.peek() == UInt8(ascii: "{") {
                    try scanner.object { key, scanner throws(Malformed) in
                        if let field = Field(key: key), cells.event[field.rawValue] == nil {
                            cells.event[field.rawValue] = try scanner.cell()
                        } else {
                            try scanner.skipValue()
                        }
                    }
                } else if let field = Field(key: key), cells.top[field.rawValue] == nil {
                    cells.top[field.rawValue] = try scanner.cell()
                } else {
                    try scanner.skipValue()
                }
            }
            scanner.skipWhitespace()
            guard scanner.index == data.count else { return nil }
        } catch {
            return nil
        }
        return cells
    }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    mutating func expect(_ byte: UInt8) throws(Malformed) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { throw Malformed() }
        index += 1
    }

    /// Walks an object, calling `member` with each key (decoded) and the scanner at its value.
    mutating func object(_ member: (ArraySlice<UInt8>, inout EntryScanner) throws(Malformed) -> Void) throws(Malformed) {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            let key = try string()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try member(key, &self)
            skipWhitespace()
            guard let next = peek() else { throw Malformed() }
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw Malformed() }
        }
    }

    /// The value here as cell text.
    mutating func cell() throws(Malformed) -> [UInt8]? {
        switch peek() {
        case UInt8(ascii: "\"")?: return Array(try string())
        case UInt8(ascii: "n")?:
            try skipValue()
            return nil
        default:
            let start = index
            try skipValue()
            return Array(bytes[start..<index])
        }
    }

    /// A string's contents, unescaped.
    mutating func string() throws(Malformed) -> ArraySlice<UInt8> {
        guard peek() == UInt8(ascii: "\"") else { throw Malformed() }
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
        guard index < bytes.count else { throw Malformed() }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return bytes[start..<(index - 1)]
        }
        var out = Array(bytes[start..<index])
        while true {
            guard index < bytes.count else { throw Malformed() }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return out[...] }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            guard index < bytes.count else { throw Malformed() }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                {
                    index += 2
                    let low = try hex4()
                    scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: throw Malformed()
            }
        }
    }

    mutating func hex4() throws(Malformed) -> UInt32 {
        guard bytes.count - index >= 4 else { throw Malformed() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Malformed()
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Moves past one value of any kind.
    mutating func skipValue() throws(Malformed) {
        skipWhitespace()
        guard let first = peek() else { throw Malformed() }
        switch first {
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    _ = try string()
                    continue
                }
                index += 1
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return }
                }
            }
            throw Malformed()
        default:
            let start = index
            while index < bytes.count, !Self.endsScalar(bytes[index]) { index += 1 }
            guard index > start else { throw Malformed() }
        }
    }

    /// `true` for the bytes that end a number or a literal.
    static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: true
        default: false
        }
    }
}
