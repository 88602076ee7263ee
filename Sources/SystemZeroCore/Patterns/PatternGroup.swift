/// A list of ICU patterns guarded by a cheap necessary condition, so the regular expressions run only on text that
/// could match.
///
/// For folded text that is plain ASCII, a pattern of the group can only match when the text contains at least one of
/// the `needles` (lower-case literals, each a substring every match of some pattern must contain — together they
/// cover every pattern) and, when `requiresDigit` is set, an ASCII digit. Text with any non-ASCII byte skips the guard
/// and goes to the regular expressions, since ICU's case-insensitive matching may fold such characters onto ASCII
/// letters (`ſ` ~ `s`, `K` ~ `k`).
struct PatternGroup: Sendable {
    let patterns: [CompiledRegex]
    let needles: [[UInt8]]
    let requiresDigit: Bool

    init(_ list: [String], needles: [String], requiresDigit: Bool = false) {
        patterns = ManipulationSupport.patterns(list)
        self.needles = needles.map { Array($0.utf8) }
        self.requiresDigit = requiresDigit
    }

    /// `false` only when no pattern can match the folded text.
    func mayMatch(folded text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            var hasDigit = false
            for byte in bytes {
                if byte >= 0x80 { return true }
                if byte >= 0x30 && byte <= 0x39 { hasDigit = true }
            }
            if requiresDigit && !hasDigit { return false }
            if needles.isEmpty { return true }
            for needle in needles where Self.contains(bytes, needle) { return true }
            return false
        }
    }

    /// The first pattern matching the already folded text, or `nil`.
    func firstMatch(folded text: String) -> CompiledRegex? {
        guard !text.isEmpty, mayMatch(folded: text) else { return nil }
        return patterns.first { $0.matches(text) }
    }

    /// The first pattern matching the folded text, or `nil`: ``ManipulationSupport/firstMatch(_:_:)`` with the guard.
    func firstMatch(_ text: String?) -> CompiledRegex? {
        firstMatch(folded: ManipulationSupport.folded(text))
    }

    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let count = needle.count
        guard count > 0 else { return true }
        guard haystack.count >= count else { return false }
        let first = needle[0]
        var start = 0
        let last = haystack.count - count
        while start <= last {
            if haystack[start] == first {
                var offset = 1
                while offset < count && haystack[start + offset] == needle[offset] { offset += 1 }
                if offset == count { return true }
            }
            start += 1
        }
        return false
    }
}
