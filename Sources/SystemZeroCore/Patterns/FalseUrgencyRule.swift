/// Detects urgency cues that push the user to act now: countdowns, "offer expires in", "only 2 left", "14 people are
/// viewing", "selling fast", "limited time", "hurry".
///
/// This is *Urgency* (countdown timers, limited-time messages) and *Scarcity* / *Social Proof* (low-stock and
/// high-demand messages, activity messages) in Mathur et al. 2019 ("Dark Patterns at Scale"), part of *Interface
/// Interference* and *Nagging* pressure in Gray et al. 2018 ("The Dark (Patterns) Side of UX Design"), and
/// *Countdown on ads / false urgency* in UIGuard (Chen et al. 2023, "Towards Automated Detection of UI Dark Patterns").
///
/// A node is an urgency cue of one ``Kind``:
/// - **countdown**: role `timer`; a phrase such as "offer expires in", "ends in", "ending soon"; or a clock such as
///   `0:30`, `00:05:00` or `30 s` when the node, a sibling or the parent says "expires", "left", "ends", "remaining",
///   "hurry" or "only" (so a trip's "12:45 PM" or "Arrives in 12 min" is not one);
/// - **scarcity**: "only 3 left", "2 left in stock", "almost gone", "low stock", "selling fast", "while supplies last";
/// - **activity**: "14 people are viewing", "in 9 carts", "27 booked today", "in high demand";
/// - **limited time**: "limited time", "hurry", "last chance", "act now", "today only", "flash sale", "don't miss out".
/// A node holding a cue whose own descendant is a cue is skipped (the descendant speaks for it).
///
/// A cue is raised only when the template's reference shows no cue of the same kind (the baseline's own countdown,
/// such as a gig offer's accept timer, is expected); with no reference, every cue is raised. Cues that are siblings
/// form one event. Warning.
public struct FalseUrgencyRule: ManipulationRule {
    public var id: String { "false_urgency" }

    public init() {}

    /// The families of urgency cues.
    public enum Kind: String, Sendable, CaseIterable {
        case countdown, scarcity, activity
        case limitedTime = "limited time"
    }

    static let phrases: [(kind: Kind, patterns: PatternGroup)] = [
        (
            .countdown,
            PatternGroup(
                [
                    #"\b(?:expires?|expiring|ends?|ending|closes?) (?:in|soon|today|tonight|at midnight)\b"#,
                    #"\b(?:time|seconds|minutes) (?:left|remaining)\b"#,
                    #"\breserved for (?:the next )?\d"#,
                ], needles: ["expir", "end", "clos", "left", "remaining", "reserved for"])
        ),
        (
            .scarcity,
            PatternGroup(
                [
                    #"\bonly \d+ (?:\w+ ){0,2}(?:left|remaining|available)\b"#,
                    #"\b\d+ (?:\w+ )?left in stock\b"#,
                    #"\b(?:almost|nearly) (?:gone|sold out)\b"#,
                    #"\blow (?:in )?stock\b"#,
                    #"\bselling (?:out )?fast\b"#,
                    #"\bwhile (?:supplies|stocks?) lasts?\b"#,
                    #"\blast (?:one|item|room|seat|few)\b"#,
                ], needles: ["only ", "left in stock", "almost ", "nearly ", "low ", "selling ", "while ", "last "])
        ),
        (
            .activity,
            PatternGroup(
                [
                    #"\b\d+ (?:other )?(?:people|persons|others|users|shoppers|customers|travell?ers|buyers|drivers) "#
                        + #"(?:are )?(?:viewing|looking|watching|considering|have (?:this|it) in)\b"#,
                    #"\bin \d+ (?:other )?(?:carts|baskets|bags)\b"#,
                    #"\b\d+ (?:people )?(?:bought|booked|purchased|ordered) (?:this )?(?:today|in the last)\b"#,
                    #"\bin high demand\b"#,
                ],
                needles: [
                    "viewing", "looking", "watching", "considering", "have ", "carts", "baskets", "bags", "today", "in the last",
                    "in high demand",
                ])
        ),
        (
            .limitedTime,
            PatternGroup(
                [
                    #"\blimited[- ]time\b"#,
                    #"\bhurry\b"#,
                    #"\blast chance\b"#,
                    #"\bact (?:now|fast)\b"#,
                    #"\btoday only\b"#,
                    #"\bflash sale\b"#,
                    #"\bdon't miss out\b"#,
                    #"\bbefore it's gone\b"#,
                ],
                needles: [
                    "limited", "hurry", "last chance", "act now", "act fast", "today only", "flash sale", "don't miss out",
                    "before it's gone",
                ])
        ),
    ]

    /// A running clock: `0:30`, `04:59`, `00:05:00`, `30 s`, `45 sec`.
    static let clock = PatternGroup(
        [
            #"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])(?!\s?[ap]\.?m\b)"#,
            #"\b\d{1,3}\s?(?:s|sec|secs|seconds)\b"#,
        ],
        // Pattern by pattern: the colon; a digit, then "s" at once or after a space (folded text has no other white space).
        needles: [":"] + (0...9).flatMap { ["\($0)s", "\($0) s"] }, requiresDigit: true)
    /// Words that make a clock a countdown.
    static let clockContext = PatternGroup(
        [#"\b(?:expires?|expiring|expiry|left|ends?|ending|remaining|hurry|only|countdown)\b"#],
        needles: ["expir", "left", "end", "remaining", "hurry", "only", "countdown"])

    /// The kind of urgency cue the node is, or `nil`.
    static func kind(_ tree: UITree, _ index: Int) -> Kind? {
        if tree.nodes[index].role == .timer { return .countdown }
        guard let text = ManipulationSupport.text(tree, index) else { return nil }
        let folded = ManipulationSupport.folded(text)
        guard !folded.isEmpty else { return nil }
        for entry in phrases where entry.patterns.firstMatch(folded: folded) != nil { return entry.kind }
        guard clock.firstMatch(folded: folded) != nil else { return nil }
        var surrounding = [text]
        let parent = tree.nodes[index].parent
        if parent >= 0 {
            if let parentName = tree.nodes[parent].name { surrounding.append(parentName) }
            for sibling in tree.children(of: parent) where sibling != index {
                if let siblingText = ManipulationSupport.text(tree, sibling) { surrounding.append(siblingText) }
            }
        }
        return clockContext.firstMatch(surrounding.joined(separator: " ")) != nil ? .countdown : nil
    }

    /// The urgency cues of a tree with their kinds, outermost holders of a cue left out.
    static func cues(_ tree: UITree) -> [(index: Int, kind: Kind)] {
        var all: [(index: Int, kind: Kind)] = []
        for index in tree.nodes.indices {
            if let kind = kind(tree, index) { all.append((index, kind)) }
        }
        guard all.count > 1 else { return all }
        // Pre-order: a cue's descendants follow it, so the next cue is inside its subtree when any is.
        return all.indices.filter { position in
            position + 1 >= all.count || !tree.isInSubtree(all[position + 1].index, of: all[position].index)
        }.map { all[$0] }
    }

    public func evaluate(_ context: RuleContext) -> [DriftEvent] {
        let tree = context.tree
        let diff = ManipulationSupport.referenceDiff(context)
        let reference = diff?.before ?? context.template?.reference
        let baselineKinds: Set<Kind> =
            reference.map { ManipulationSupport.referenceFact(.urgencyKinds, context, $0) { Set(Self.cues($0).map(\.kind)) } } ?? []
        // Text in masked fields may change freely: a cue there is the field's own content, not a new cue.
        let raised = Self.cues(tree).filter { cue in
            guard !baselineKinds.contains(cue.kind) else { return false }
            guard let diff, diff.partnerInBefore[cue.index] >= 0 else { return true }
            return !ManipulationSupport.isMasked(diff.before, diff.partnerInBefore[cue.index])
        }
        // Sibling cues ("Offer expires in" beside "04:59") form one event.
        var groups: [(parent: Int, cues: [(index: Int, kind: Kind)])] = []
        for cue in raised {
            let parent = tree.nodes[cue.index].parent
            if let last = groups.indices.last, groups[last].parent == parent {
                groups[last].cues.append(cue)
            } else {
                groups.append((parent, [cue]))
            }
        }
        return groups.map { group in
            let texts = group.cues.map { ManipulationSupport.text(tree, $0.index) ?? $0.kind.rawValue }
            let kinds = group.cues.map(\.kind).reduce(into: [Kind]()) { if !$0.contains($1) { $0.append($1) } }
            let cause = reference == nil ? "to act now" : "to act now, and the baseline shows no such cue"
            let article = kinds[0] == .activity ? "An" : "A"
            let what =
                kinds.count == 1
                ? "\(article) \(kinds[0].rawValue) cue \(ManipulationSupport.quoted(texts.joined(separator: " ")))"
                : "Urgency cues (\(kinds.map(\.rawValue).joined(separator: ", "))) "
                    + ManipulationSupport.quoted(texts.joined(separator: " · "))
            return ManipulationSupport.event(
                id, .warning, context,
                message: "\(what) \(kinds.count == 1 ? "pressures" : "pressure") the user \(cause).",
                evidence: zip(group.cues, texts).map { cue, text in
                    DriftEvent.Evidence(path: tree.path(of: cue.index), text: text, after: cue.kind.rawValue)
                })
        }
    }
}
