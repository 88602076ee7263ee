extension ExportBuffer {
    /// Appends text escaped for HTML and SVG text and quoted attribute values: `& < > " '` become references and
    /// control characters (other than tab, LF and CR) become U+FFFD, so no ledger string can open a tag, close an
    /// attribute or start a script.
    mutating func appendEscaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\""): append("&quot;")
            case UInt8(ascii: "'"): append("&#39;")
            case 0x09, 0x0A, 0x0D: append(byte)
            case 0x00..<0x20, 0x7F: append("\u{FFFD}")
            default: append(byte)
            }
        }
    }
}

/// HTML escaping of ledger strings.
enum HTMLEscaping {
    /// `text` escaped for HTML text and attribute values.
    static func escape(_ text: String) -> String {
        var buffer = ExportBuffer(sink: MemorySink())
        buffer.appendEscaped(text)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
