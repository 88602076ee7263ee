/// Strict, allocation-light hex and base64 codecs shared by the Merkle and checkpoint code.
///
/// Foundation's base64 decoder differs between platforms (padding, trailing bits, whitespace), so the
/// ledger uses its own RFC 4648 implementation: standard alphabet, mandatory padding, and *canonical*
/// encodings only (the unused low bits of the last symbol must be zero). A strict decoder guarantees
/// that a single flipped bit in an encoded hash, key or signature can never decode to the same bytes.
enum ByteEncoding {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let base64Alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let padding = UInt8(ascii: "=")

    /// Lowercase hexadecimal encoding.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hexadecimal (either case). Returns `nil` for odd lengths or non-hex characters.
    static func decodeHex(_ string: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(string.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    /// Parses exactly eight hex digits as a big-endian `UInt32` (a note key ID).
    static func decodeHexUInt32(_ string: some StringProtocol) -> UInt32? {
        guard string.utf8.count == 8, let bytes = decodeHex(string) else { return nil }
        return bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Standard base64 with padding (RFC 4648 §4).
    static func base64(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= input.count {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            out.append(base64Alphabet[Int(chunk >> 18 & 0x3F)])
            out.append(base64Alphabet[Int(chunk >> 12 & 0x3F)])
            out.append(base64Alphabet[Int(chunk >> 6 & 0x3F)])
            out.append(base64Alphabet[Int(chunk & 0x3F)])
            index += 3
        }
        switch input.count - index {
        case 1:
            let chunk = UInt32(input[index]) << 16
            out.append(base64Alphabet[Int(chunk >> 18 & 0x3F)])
            out.append(base64Alphabet[Int(chunk >> 12 & 0x3F)])
            out.append(padding)
            out.append(padding)
        case 2:
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            out.append(base64Alphabet[Int(chunk >> 18 & 0x3F)])
            out.append(base64Alphabet[Int(chunk >> 12 & 0x3F)])
            out.append(base64Alphabet[Int(chunk >> 6 & 0x3F)])
            out.append(padding)
        default:
            break
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes canonical, padded standard base64. Returns `nil` for anything else, including whitespace,
    /// missing padding, the URL-safe alphabet and non-zero trailing bits. The empty string decodes to no bytes.
    static func decodeBase64(_ string: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(string.utf8)
        guard utf8.count % 4 == 0 else { return nil }
        guard !utf8.isEmpty else { return [] }
        var paddingCount = 0
        if utf8[utf8.count - 1] == padding { paddingCount += 1 }
        if utf8[utf8.count - 2] == padding { paddingCount += 1 }
        if paddingCount == 1, utf8[utf8.count - 2] == padding { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 4 * 3)
        let symbolCount = utf8.count - paddingCount
        var accumulator: UInt32 = 0
        var bits = 0
        for position in 0..<symbolCount {
            guard let value = base64Value(utf8[position]) else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // Canonical form: the bits left over after the last full byte must be zero.
        guard accumulator == 0 else { return nil }
        return out
    }

    private static func hexValue(_ ascii: UInt8) -> UInt8? {
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): ascii - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): ascii - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): ascii - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func base64Value(_ ascii: UInt8) -> UInt8? {
        switch ascii {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): ascii - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): ascii - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): ascii - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
