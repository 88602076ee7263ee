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
    /// For each ASCII byte, the needles that start with it, without that byte.
    private let needlesByFirstByte: [[[UInt8]]]

    init(_ list: [String], needles: [String], requiresDigit: Bool = false) {
        patterns = ManipulationSupport.patterns(list)
        self.needles = needles.map { Array($0.utf8) }
        self.requiresDigit = requiresDigit
        var byFirst = [[[UInt8]]](repeating: [], count: 128)
        for needle in self.needles {
            precondition(!needle.isEmpty && needle.allSatisfy { $0 < 0x80 }, "needles are non-empty ASCII")
            byFirst[Int(needle[0])].append(Array(needle.dropFirst()))
        }
        needlesByFirstByte = byFirst
    }

    /// `false` only when no pattern can match the folded text.
    ///
    /// One pass over the bytes: a non-ASCII byte answers `true` at once; otherwise each byte that starts a needle
    /// is checked against the needles it starts, and digits are noted.
    func mayMatch(folded text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            var hasDigit = false
            var found = needles.isEmpty
            let count = bytes.count
            var position = 0
            while position < count {
                let byte = bytes[position]
                if byte >= 0x80 { return true }
                if byte &- 0x30 < 10 { hasDigit = true }
                if !found {
                    for rest in needlesByFirstByte[Int(byte)] where rest.count < count - position {
                        var offset = 0
                        while offset < rest.count && bytes[position + 1 + offset] == rest[offset] { offset += 1 }
                        if offset == rest.count {
                            found = true
                            break
                        }
                    }
                }
                if found && (hasDigit || !requiresDigit) { return true }
                position += 1
            }
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
}
