/// Recognises identifiers that a framework generates afresh on each render, which say nothing stable
/// about a node: React's `:r1:` and `«r1»`, UUIDs, and counters behind well-known prefixes
/// (`ember123`, `mui-42`, `radix-:r3:`, `headlessui-menu-button-7`, `__BVID__12`).
enum GeneratedID {
    static let counterPrefixes = [
        "ember", "mui-", "radix-", "headlessui-", "__bvid__", "react-select-", "downshift-", "rc-tabs-", "el-id-",
        "reach-", "aria-", "ui-id-", "yui_", "ext-gen", "gwt-uid-", "jsx-", "css-", "svelte-", "data-v-",
    ]

    static func isGenerated(_ id: String) -> Bool {
        // ASCII ids (nearly all) are checked on their bytes, without allocating; the answer is the same, since
        // lower-casing ASCII only maps A-Z and the prefixes, `«` and `»` are plain bytes to compare.
        if let answer = id.utf8.withContiguousStorageIfAvailable({ isGeneratedASCII($0) }), let answer {
            return answer
        }
        return isGeneratedAnyText(id)
    }

    /// The first bytes of the counter prefixes, as a 128-bit set.
    private static let prefixFirstBytes: (low: UInt64, high: UInt64) = {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for prefix in counterPrefixes {
            let byte = prefix.utf8.first ?? 0
            if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
        }
        return (low, high)
    }()

    private static let counterPrefixBytes: [[UInt8]] = counterPrefixes.map { Array($0.utf8) }

    /// ``isGenerated(_:)`` for ASCII bytes, or `nil` when a byte is not ASCII.
    private static func isGeneratedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        let count = bytes.count
        guard count > 0 else { return false }
        var hasDigitOrColon = false
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ":") { hasDigitOrColon = true }
        }
        if bytes[0] == UInt8(ascii: ":") && bytes[count - 1] == UInt8(ascii: ":") && count > 2 { return true }
        if count >= 36 && containsUUID(bytes) { return true }
        // A counter prefix (compared lower-cased) followed somewhere by a digit or a colon.
        guard hasDigitOrColon else { return false }
        let first = lowercased(bytes[0])
        let inSet =
            first < 64 ? prefixFirstBytes.low & (1 << UInt64(first)) != 0 : prefixFirstBytes.high & (1 << UInt64(first - 64)) != 0
        guard inSet else { return false }
        prefixes: for prefix in counterPrefixBytes where prefix.count <= count {
            for offset in 0..<prefix.count where lowercased(bytes[offset]) != prefix[offset] { continue prefixes }
            return true
        }
        return false
    }

    @inline(__always)
    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// The general check, for any text.
    private static func isGeneratedAnyText(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == UInt8(ascii: ":") && last == UInt8(ascii: ":") && utf8.count > 2 { return true }
        if id.hasPrefix("«") && id.hasSuffix("»") { return true }
        if containsUUID(utf8) { return true }
        let lower = id.lowercased()
        for prefix in counterPrefixes where lower.hasPrefix(prefix) {
            if lower.utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) || lower.contains(":") { return true }
        }
        return false
    }

    /// `true` when the text holds 8-4-4-4-12 hex digits.
    static func containsUUID(_ utf8: String.UTF8View) -> Bool {
        guard utf8.count >= 36 else { return false }
        return containsUUID(Array(utf8))
    }

    /// `true` when the bytes hold 8-4-4-4-12 hex digits.
    static func containsUUID<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        let groups = [8, 4, 4, 4, 12]
        guard bytes.count >= 36 else { return false }
        let base = bytes.startIndex
        outer: for start in 0...(bytes.count - 36) {
            var index = start
            for (number, length) in groups.enumerated() {
                for _ in 0..<length {
                    guard isHex(bytes[base + index]) else { continue outer }
                    index += 1
                }
                if number < 4 {
                    guard bytes[base + index] == UInt8(ascii: "-") else { continue outer }
                    index += 1
                }
            }
            return true
        }
        return false
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
}
