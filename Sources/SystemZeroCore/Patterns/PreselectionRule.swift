/// Detects an opt-in check box or switch that is checked by default: marketing consent, a newsletter, data sharing
/// with partners, an add-on, insurance, a tip, a donation, auto-renewal.
///
/// This is *Preselection* in Mathur et al. 2019 ("Dark Patterns at Scale", under *Interface Interference*), *Sneaking*
/// and *Interface Interference: preselection* in Gray et al. 2018 ("The Dark (Patterns) Side of UX Design"), and
/// *Preselection* in UIGuard (Chen et al. 2023, "Towards Automated Detection of UI Dark Patterns").
///
/// A node is raised when all hold:
/// - its role is `checkbox` or `switch`;
/// - its label (name, value, or the nearest sibling text for an unlabelled Android check box) contains an opt-in
///   keyword of ``optInKeywords`` or phrase of ``optInPatterns``, and none of the ``exemptPatterns`` ("Remember me",
///   "Keep me signed in", "Show password", strictly necessary cookies);
/// - it is `checked` or `mixed`;
/// - its diff partner in the template's reference was not checked (a new toggle, a toggle that was clear, or no
///   reference at all);
/// - it was not clear on the previous capture of the same screen in this session (then the user checked it).
/// One event per toggle, warning.
public struct PreselectionRule: ManipulationRule {
    public var id: String { "preselection" }

    public init() {}

    /// Single words that make a toggle an opt-in.
    static let optInKeywords: Set<String> = [
        "consent", "marketing", "newsletter", "newsletters", "offers", "offer", "promotions", "promotion", "promotional",
        "promo", "promos", "partners", "partner", "add-on", "addon", "insurance", "insure", "insured", "protection",
        "warranty", "tip", "tips", "donation", "donations", "donate", "subscribe", "subscription", "auto-renew", "autorenew",
        "renew", "renewal", "advertising", "ads", "personalised", "personalized", "tracking", "analytics", "third-party",
        "sponsors", "deals", "emails", "sms", "upgrade", "priority",
    ]

    /// Phrases that make a toggle an opt-in.
    static let optInPatterns = PatternGroup(
        [
            #"\bshare (?:my |your )?(?:data|information|info|details|profile|location|contacts)\b"#,
            #"\bthird[- ]part(?:y|ies)\b"#,
            #"\badd[- ]?ons?\b"#,
            #"\bauto[- ]?renew"#,
            #"\bround(?:ing)? up\b"#,
            #"\b(?:send|email|text|notify) me\b"#,
            #"\bkeep me (?:updated|informed|posted)\b"#,
            #"\bsign me up\b"#,
            #"\bnews and updates\b"#,
        ], needles: ["share ", "third", "add", "auto", "round", " me", "news and updates"])

    /// Toggles that are preferences, not opt-ins, even if checked by default.
    static let exemptPatterns = PatternGroup(
        [
            #"\bremember me\b"#,
            #"\bremember (?:this|my) (?:device|login|account|email)\b"#,
            #"\b(?:keep|stay) (?:me )?(?:signed|logged) in\b"#,
            #"\bshow password\b"#,
            #"\b(?:strictly )?necessary\b"#,
            #"\bessential\b"#,
        ], needles: ["remember", "signed in", "logged in", "show password", "necessary", "essential"])

    /// `true` when the label names an opt-in and is not exempt.
    static func isOptIn(_ label: String?) -> Bool {
        let folded = ManipulationSupport.folded(label)
        guard exemptPatterns.firstMatch(folded: folded) == nil else { return false }
        if ManipulationSupport.containsKeyword(optInWords(folded: folded), optInKeywords) { return true }
        return optInPatterns.firstMatch(folded: folded) != nil
    }

    /// Words of a label split at spaces and punctuation except `-`, so "add-on" and "auto-renew" stay one word.
    static func optInWords(_ label: String?) -> [Substring] {
        optInWords(folded: ManipulationSupport.folded(label))
    }

    static func optInWords(folded: String) -> [Substring] {
        folded.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'") }
    }

    static func isOn(_ states: StateSet) -> Bool { states.contains(.checked) || states.contains(.mixed) }

    public func evaluate(_ context: RuleContext) -> [DriftEvent] {
        let tree = context.tree
        let diff = ManipulationSupport.referenceDiff(context)
        let previousLabelsClear = clearTogglesOnPreviousCapture(context)
        var events: [DriftEvent] = []
        for index in tree.nodes.indices {
            let role = tree.nodes[index].role
            guard role == .checkbox || role == .switch, Self.isOn(tree.nodes[index].states) else { continue }
            let node = tree.nodes[index]
            let label = ManipulationSupport.label(tree, index)
            guard Self.isOptIn(label) else { continue }
            var before: String?
            if let diff {
                let partner = diff.partnerInBefore[index]
                if partner >= 0 && Self.isOn(diff.before.nodes[partner].states) { continue }
                before = partner >= 0 ? "unchecked" : "absent"
            }
            if previousLabelsClear.contains(ManipulationSupport.folded(label)) { continue }
            let state = node.states.contains(.checked) ? "checked" : "mixed"
            events.append(
                ManipulationSupport.event(
                    id, .warning, context,
                    message: "The opt-in \(node.role.rawValue) \(ManipulationSupport.quoted(label)) is \(state) by default.",
                    evidence: [DriftEvent.Evidence(path: tree.path(of: index), text: label, before: before, after: state)]))
        }
        return events
    }

    /// The folded labels of toggles that were clear on the previous capture of the same screen.
    private func clearTogglesOnPreviousCapture(_ context: RuleContext) -> Set<String> {
        guard let previous = context.previous, context.previousScreen == context.screen else { return [] }
        var labels = Set<String>()
        for index in previous.nodes.indices {
            let node = previous.nodes[index]
            guard node.role == .checkbox || node.role == .switch, !Self.isOn(node.states) else { continue }
            labels.insert(ManipulationSupport.folded(ManipulationSupport.label(previous, index)))
        }
        return labels
    }
}
