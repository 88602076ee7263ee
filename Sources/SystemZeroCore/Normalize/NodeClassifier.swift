/// Classifies nodes by rules a reader can follow, in this order:
///
/// 1. Inputs: text fields, check boxes, switches, radio buttons, sliders, combo boxes.
/// 2. Actions (buttons, links, menu items, tabs, options), by their name's first words:
///    destructive words (delete, remove, discard, …) make a destructive action; decline words
///    (no, not now, cancel, skip, close, …) a secondary action; affirmative words (accept, continue, pay, …)
///    a primary action. Otherwise a button is a secondary action and a link, tab or menu item navigation.
/// 3. Navigation landmarks, menus, tab lists and tool bars are navigation.
/// 4. Separators, scroll bars and unnamed images are decoration.
/// 5. Named nodes and text-bearing roles are content; a node with children is a container; the rest decoration.
public struct NodeClassifier: Sendable {
    public init() {}

    public func classify(role: Role, name: String?, hasChildren: Bool) -> NodeClass {
        if role.isInput { return .input }
        if role.isAction {
            if let name, let actionClass = Self.classifyASCIIAction(name) {
                if let actionClass { return actionClass }
                return role == .button ? .secondaryAction : .navigation
            }
            let words = Self.words(name)
            if Self.startsWithAny(words, Self.destructivePhrases) { return .destructiveAction }
            if Self.startsWithAny(words, Self.declinePhrases) { return .secondaryAction }
            if Self.startsWithAny(words, Self.affirmativePhrases) { return .primaryAction }
            return role == .button ? .secondaryAction : .navigation
        }
        switch role {
        case .navigation, .menubar, .menu, .tablist, .toolbar: return .navigation
        case .separator, .scrollbar: return .decoration
        case .image: return name == nil ? .decoration : .content
        case .text, .heading, .paragraph, .timer, .status, .alert, .marquee, .cell, .code, .term, .definition, .tooltip, .note:
            return .content
        default:
            if hasChildren { return .container }
            return name == nil ? .decoration : .content
        }
    }

    /// Lower-cased words of a name, apostrophes kept (`don't`).
    static func words(_ name: String?) -> [Substring] {
        guard let name else { return [] }
        return name.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’") })
    }

    /// For an ASCII name, the class its first words give (`.some(nil)` when they give none), as the phrase lists
    /// decide; `nil` for other names. For ASCII text the words are the runs of letters, digits and apostrophes,
    /// lower-cased, and compare byte for byte, so the answer is the one ``words(_:)`` and the lists give.
    static func classifyASCIIAction(_ name: String) -> NodeClass?? {
        name.utf8.withContiguousStorageIfAvailable { bytes -> NodeClass?? in
            var first: Range<Int>?
            var second: Range<Int>?
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte >= 0x80 { return .none }
                guard isWordByte(byte) else {
                    index += 1
                    continue
                }
                let start = index
                while index < count, isWordByte(bytes[index]) { index += 1 }
                if first == nil {
                    first = start..<index
                } else if second == nil {
                    second = start..<index
                }
            }
            guard let first else { return .some(nil) }
            guard let entry = firstWords[lowercasedWord(bytes, first)] else { return .some(nil) }
            let secondWord = second.map { lowercasedWord(bytes, $0) }
            // The lists in the order `classify` tries them.
            for index in 0..<3 {
                if entry.single[index] || (secondWord.map { entry.seconds[index].contains($0) } ?? false) {
                    return .some(index == 0 ? .destructiveAction : index == 1 ? .secondaryAction : .primaryAction)
                }
            }
            return .some(nil)
        } ?? .none
    }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "'")
    }

    private static func lowercasedWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            var written = 0
            for index in range where written < buffer.count {
                let byte = bytes[index]
                buffer[written] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                written += 1
            }
            return written
        }
    }

    /// What a phrase's first word can lead to, per list (destructive, decline, affirmative): a one-word phrase,
    /// or the second words of two-word phrases.
    private struct FirstWord {
        var single = [false, false, false]
        var seconds: [Set<String>] = [[], [], []]
    }

    private static let firstWords: [String: FirstWord] = {
        var table: [String: FirstWord] = [:]
        for (index, list) in [destructivePhrases, declinePhrases, affirmativePhrases].enumerated() {
            for phrase in list {
                // The lists hold phrases of one or two words (checked here: a longer one would need the general path).
                precondition(phrase.count == 1 || phrase.count == 2, "classifier phrases have one or two words")
                var entry = table[String(phrase[0]), default: FirstWord()]
                if phrase.count == 1 { entry.single[index] = true } else { entry.seconds[index].insert(String(phrase[1])) }
                table[String(phrase[0])] = entry
            }
        }
        return table
    }()

    static func startsWithAny(_ words: [Substring], _ phrases: [[Substring]]) -> Bool {
        phrases.contains { phrase in words.count >= phrase.count && zip(words, phrase).allSatisfy { $0 == $1 } }
    }

    private static func phrases(_ list: [String]) -> [[Substring]] {
        list.map { $0.split(separator: " ") }
    }

    /// Names that start with one of these are decline or dismiss actions.
    static let declinePhrases = phrases([
        "no", "not", "decline", "reject", "cancel", "skip", "later", "maybe", "dismiss", "close", "back", "deny",
        "refuse", "i don't", "i'll pass", "pass", "nope", "never", "x", "×", "✕", "continue without", "go back", "opt out",
        "disagree", "stay", "keep my", "exit",
    ])

    /// Names that start with one of these destroy or remove something.
    static let destructivePhrases = phrases([
        "delete", "remove", "discard", "erase", "destroy", "deactivate", "terminate", "wipe", "revoke", "reset",
    ])

    /// Names that start with one of these take the action the screen offers.
    static let affirmativePhrases = phrases([
        "accept", "agree", "allow", "confirm", "continue", "submit", "buy", "pay", "order", "place order", "subscribe",
        "sign in", "log in", "login", "sign up", "register", "ok", "okay", "yes", "save", "send", "next", "start",
        "get", "claim", "upgrade", "join", "add", "checkout", "check out", "done", "apply", "proceed", "enable",
        "turn on", "install", "try", "book", "reserve", "unlock", "go", "i agree", "i accept", "got it", "create",
    ])
}
