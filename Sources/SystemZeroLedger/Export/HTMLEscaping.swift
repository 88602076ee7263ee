extension ExportBuffer {
    /// Appends text escaped for HTML and SVG text and quoted attribute values (see ``HTMLEscaping``).
    mutating func appendEscaped(_ text: String) {
        HTMLEscaping.append(text, to: &bytes)
    }
}

/// HTML escaping of ledger strings: `& < > " '` become character references and control characters (other than tab,
/// LF and CR) become U+FFFD, so no ledger string can open a tag, end an attribute value or start a script.
public enum HTMLEscaping {
    /// `text` escaped for HTML text and attribute values.
    public static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(_ text: String, to bytes: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            case 0x09, 0x0A, 0x0D: bytes.append(byte)
            case 0x00..<0x20, 0x7F: bytes.append(contentsOf: "\u{FFFD}".utf8)
            default: bytes.append(byte)
            }
        }
    }
}
