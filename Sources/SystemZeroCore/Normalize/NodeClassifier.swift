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
            guard let first, let entry = PhraseTable.entry(for: bytes, first) else { return .some(nil) }
            // The lists in the order `classify` tries them.
            for list in 0..<3 {
                if entry.single[list] { return .some(PhraseTable.classes[list]) }
                if let second {
                    for word in entry.seconds[list] where PhraseTable.equalsLowercased(bytes, second, word) {
                        return .some(PhraseTable.classes[list])
                    }
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

    /// The ASCII phrases of the three lists by first word.
    private enum PhraseTable {
        /// The classes of the lists: destructive, decline, affirmative.
        static let classes: [NodeClass] = [.destructiveAction, .secondaryAction, .primaryAction]

        /// What a first word leads to, per list: a one-word phrase, or the second words of two-word phrases.
        struct Entry {
            var word: [UInt8]
            var single = [false, false, false]
            var seconds: [[[UInt8]]] = [[], [], []]
        }

        static let entries: [Entry] = {
            var entries: [Entry] = []
            for (list, phrases) in [destructivePhrases, declinePhrases, affirmativePhrases].enumerated() {
                for phrase in phrases {
                    // Words that are not ASCII never equal ASCII words; the lists have one- and two-word phrases.
                    let words = phrase.map { Array($0.utf8) }
                    guard words.allSatisfy({ $0.allSatisfy { $0 < 0x80 } }) else { continue }
                    precondition(words.count == 1 || words.count == 2, "classifier phrases have one or two words")
                    let position =
                        entries.firstIndex { $0.word == words[0] }
                        ?? {
                            entries.append(Entry(word: words[0]))
                            return entries.count - 1
                        }()
                    if words.count == 1 { entries[position].single[list] = true } else { entries[position].seconds[list].append(words[1]) }
                }
            }
            return entries
        }()

        static let slotCount = 256

        /// Open addressing over `entries`: each slot holds an entry number + 1, or 0 when empty.
        static let slots: [UInt16] = {
            var slots = [UInt16](repeating: 0, count: slotCount)
            for (number, entry) in entries.enumerated() {
                var slot = entry.word.withUnsafeBufferPointer { hash($0, 0..<$0.count) }
                while slots[slot] != 0 { slot = (slot + 1) & (slotCount - 1) }
                slots[slot] = UInt16(number + 1)
            }
            return slots
        }()

        @inline(__always)
        static func lowercased(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
        }

        /// A hash of the lower-cased length, first, second and last bytes.
        static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
            let length = range.count
            guard length > 0, range.lowerBound >= 0, range.upperBound <= bytes.count else { return 0 }
            let first = UInt32(lowercased(bytes[range.lowerBound]))
            let second = length > 1 ? UInt32(lowercased(bytes[range.lowerBound + 1])) : 0
            let last = UInt32(lowercased(bytes[range.upperBound - 1]))
            var hash = UInt32(truncatingIfNeeded: length) &* 2_654_435_761
            hash ^= first &* 40_503
            hash ^= last &* 9_973
            hash ^= second &* 131
            return Int((hash ^ (hash >> 15)) & UInt32(slotCount - 1))
        }

        /// `true` when the bytes in `range`, lower-cased, are `word`.
        static func equalsLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: [UInt8]) -> Bool {
            guard range.count == word.count, range.lowerBound >= 0, range.upperBound <= bytes.count else { return false }
            var offset = 0
            for index in range {
                if lowercased(bytes[index]) != word[offset] { return false }
                offset += 1
            }
            return true
        }

        /// The entry whose first word is the bytes in `range`, lower-cased.
        static func entry(for bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Entry? {
            var slot = hash(bytes, range)
            while true {
                let number = Int(slots[slot])
                if number == 0 { return nil }
                if equalsLowercased(bytes, range, entries[number - 1].word) { return entries[number - 1] }
                slot = (slot + 1) & (slotCount - 1)
            }
        }
    }

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
