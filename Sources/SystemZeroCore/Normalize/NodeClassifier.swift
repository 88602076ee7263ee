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
