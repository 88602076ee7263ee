/// Reads the CSV summary columns out of an entry's JSON bytes without building a ``JSONValue``: it walks the
/// top-level object and its `event` object, notes where the few members it needs are and skips the rest.
///
/// It works on the bytes in place: a cell is a range of the entry's bytes (a string's contents without escapes, or
/// the JSON text of a number, boolean, object or array, which canonical JSON writes compactly), and only strings with
/// escapes are copied out.
struct EntryScanner {
    /// The members read, at the top level and inside `event`.
    enum Field: Int, CaseIterable {
        case time, kind, screen, screenID, session, severity, rule, message

        static let keys: [[UInt8]] = ["time", "kind", "screen", "screen_id", "session", "severity", "rule", "message"].map {
            Array($0.utf8)
        }

        init?(key: UnsafeBufferPointer<UInt8>) {
            for (index, candidate) in Self.keys.enumerated() where candidate.count == key.count && candidate.elementsEqual(key) {
                self.init(rawValue: index)
                return
            }
            return nil
        }
    }

    /// Where a cell's text is.
    enum Cell: Equatable {
        /// These bytes of the entry.
        case raw(Range<Int>)
        /// A string with escapes, decoded.
        case decoded([UInt8])
    }

    /// The cells found: the top level's fields, then the event's (`nil` for `null` or absent members).
    struct Cells {
        var slots = [Cell?](repeating: nil, count: 2 * Field.allCases.count)

        mutating func reset() {
            for index in slots.indices { slots[index] = nil }
        }

        func top(_ field: Field) -> Cell? { slots[field.rawValue] }

        /// The event's value, else the entry's, for `field`, then for `fallback`.
        func pick(_ field: Field, or fallback: Field? = nil) -> Cell? {
            if let value = slots[Field.allCases.count + field.rawValue] ?? slots[field.rawValue] { return value }
            guard let fallback else { return nil }
            return slots[Field.allCases.count + fallback.rawValue] ?? slots[fallback.rawValue]
        }

        /// The CSV summary column `index` (0 `time` … 6 `message`).
        func column(_ index: Int) -> Cell? {
            switch index {
            case 0: top(.time)
            case 1: top(.kind)
            case 2: pick(.screen, or: .screenID)
            case 3: pick(.session)
            case 4: pick(.severity)
            case 5: pick(.rule)
            default: pick(.message)
            }
        }
    }

    struct Malformed: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    /// Fills `cells` (which must be reset) from one entry; `false` when the bytes are not a well-formed JSON object.
    static func scan(_ data: UnsafeBufferPointer<UInt8>, into cells: inout Cells) -> Bool {
        var scanner = EntryScanner(bytes: data)
        do throws(Malformed) {
            try scanner.object { key, scanner throws(Malformed) in
                if key.count == 5, key.elementsEqual("event".utf8), scanner.peek() == UInt8(ascii: "{") {
                    try scanner.object { key, scanner throws(Malformed) in
                        let slot = Field(key: key).map { Field.allCases.count + $0.rawValue }
                        if let slot, cells.slots[slot] == nil {
                            cells.slots[slot] = try scanner.cell()
                        } else {
                            try scanner.skipValue()
                        }
                    }
                } else if let field = Field(key: key), cells.slots[field.rawValue] == nil {
                    cells.slots[field.rawValue] = try scanner.cell()
                } else {
                    try scanner.skipValue()
                }
            }
            scanner.skipWhitespace()
            return scanner.index == data.count
        } catch {
            return false
        }
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

    /// Walks an object, calling `member` with each key and the scanner at its value. Keys with escapes are passed
    /// as written (they never match a wanted key).
    mutating func object(_ member: (UnsafeBufferPointer<UInt8>, inout EntryScanner) throws(Malformed) -> Void) throws(Malformed) {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            let start = index + 1
            guard try skipString() else { throw Malformed() }
            let key = UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
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

    /// The value here as a cell; `nil` for `null`.
    mutating func cell() throws(Malformed) -> Cell? {
        switch peek() {
        case UInt8(ascii: "\"")?:
            let start = index + 1
            if try skipString() { return .raw(start..<(index - 1)) }
            index = start - 1
            return .decoded(try decodeString())
        case UInt8(ascii: "n")?:
            try skipValue()
            return nil
        default:
            let start = index
            try skipValue()
            return .raw(start..<index)
        }
    }

    /// Moves past a string; returns `true` when it had no escapes.
    mutating func skipString() throws(Malformed) -> Bool {
        guard peek() == UInt8(ascii: "\"") else { throw Malformed() }
        index += 1
        var plain = true
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return plain
            case UInt8(ascii: "\\"):
                plain = false
                index += 2
            default:
                index += 1
            }
        }
        throw Malformed()
    }

    /// A string's contents, unescaped.
    mutating func decodeString() throws(Malformed) -> [UInt8] {
        guard peek() == UInt8(ascii: "\"") else { throw Malformed() }
        index += 1
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw Malformed() }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return out }
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
            _ = try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    _ = try skipString()
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
