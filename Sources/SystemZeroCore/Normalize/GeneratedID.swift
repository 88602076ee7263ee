/// Recognises identifiers that a framework generates afresh on each render, which say nothing stable
/// about a node: React's `:r1:` and `«r1»`, UUIDs, and counters behind well-known prefixes
/// (`ember123`, `mui-42`, `radix-:r3:`, `headlessui-menu-button-7`, `__BVID__12`).
enum GeneratedID {
    static let counterPrefixes = [
        "ember", "mui-", "radix-", "headlessui-", "__bvid__", "react-select-", "downshift-", "rc-tabs-", "el-id-",
        "reach-", "aria-", "ui-id-", "yui_", "ext-gen", "gwt-uid-", "jsx-", "css-", "svelte-", "data-v-",
    ]

    static func isGenerated(_ id: String) -> Bool {
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
        let groups = [8, 4, 4, 4, 12]
        let bytes = Array(utf8)
        guard bytes.count >= 36 else { return false }
        outer: for start in 0...(bytes.count - 36) {
            var index = start
            for (number, length) in groups.enumerated() {
                for _ in 0..<length {
                    guard isHex(bytes[index]) else { continue outer }
                    index += 1
                }
                if number < 4 {
                    guard bytes[index] == UInt8(ascii: "-") else { continue outer }
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
