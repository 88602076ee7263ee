/// Writes ``JSONValue`` documents as text.
///
/// The canonical form (``Style/canonical``) is what the ledger hashes: keys sorted by their UTF-8 bytes,
/// no insignificant whitespace, integral numbers without a fraction, other numbers in Swift's shortest
/// round-trip form, and only `"`, `\` and control characters escaped. It agrees with RFC 8785 (JCS) for
/// every document System//Zero writes (integers and strings); see `docs/FORMATS.md`.
public struct JSONWriter: Sendable {
    /// How the text is laid out.
    public enum Style: Sendable {
        /// Sorted keys, no whitespace: the hashing form.
        case canonical
        /// Keys in document order, no whitespace.
        case compact
        /// Keys in document order, two-space indentation.
        case pretty
    }

    public var style: Style

    public init(style: Style = .canonical) {
        self.style = style
    }

    /// The document as UTF-8 bytes.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, indent: 0)
        return out
    }

    /// The document as a string.
    public func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    private func write(_ value: JSONValue, into out: inout [UInt8], indent: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let bool): out.append(contentsOf: (bool ? "true" : "false").utf8)
        case .number(let number): Self.writeNumber(number, into: &out)
        case .string(let string): Self.writeString(string, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(into: &out, indent: indent + 1)
                write(element, into: &out, indent: indent + 1)
            }
            if !elements.isEmpty { newline(into: &out, indent: indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            let ordered = style == .canonical ? members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : members
            out.append(UInt8(ascii: "{"))
            for (index, member) in ordered.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(into: &out, indent: indent + 1)
                Self.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if style == .pretty { out.append(UInt8(ascii: " ")) }
                write(member.value, into: &out, indent: indent + 1)
            }
            if !members.isEmpty { newline(into: &out, indent: indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func newline(into out: inout [UInt8], indent: Int) {
        guard style == .pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Integral values within ±2^53 print without a fraction; non-finite values (which JSON cannot hold) print as `null`.
    static func writeNumber(_ number: Double, into out: inout [UInt8]) {
        guard number.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            out.append(contentsOf: String(Int64(number)).utf8)
        } else {
            out.append(contentsOf: "\(number)".utf8)
        }
    }

    /// Appends `string` as a JSON string literal: quoted, with `"`, `\` and control characters escaped, everything
    /// else (including non-ASCII text) as its UTF-8 bytes. Runs of bytes that need no escape are copied at once.
    public static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var run = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                writeEscape(byte, into: &out)
                run = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func writeEscape(_ byte: UInt8, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: "u00".utf8)
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
    }
}
