/// Writing text as YAML that every YAML 1.1 and 1.2 reader (libyaml, and so Yams) reads back as the same text.
public enum YAMLScalar {
    /// `text` as a double-quoted scalar. `"`, `\` and the characters a YAML reader refuses raw or folds as line breaks
    /// are escaped: C0 controls (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00XX`, as JSON writes them), DEL, the C1
    /// controls U+0080–U+009F (NEL U+0085 included), U+2028, U+2029, U+FEFF, U+FFFE and U+FFFF (as `\uXXXX`).
    /// Everything else is written as it is, so ordinary text keeps the bytes it had as a JSON string.
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF:
                out += "\\u" + hex4(scalar.value)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var text = ""
        for shift in stride(from: 12, through: 0, by: -4) {
            text.unicodeScalars.append(digits[Int((value >> UInt32(shift)) & 0xF)])
        }
        return text
    }
}
