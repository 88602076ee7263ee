/// Detects a decline option whose label shames the user for declining ("No thanks, I don't like saving money").
///
/// This is *Confirmshaming* in Mathur et al. 2019 ("Dark Patterns at Scale", under *Misdirection*), part of
/// *Interface Interference* in Gray et al. 2018 ("The Dark (Patterns) Side of UX Design"), and *Confirmshaming* in
/// UIGuard (Chen et al. 2023, "Towards Automated Detection of UI Dark Patterns").
///
/// A candidate is anything the user can press (an action role or clickable text) that the classifier did not take for
/// the primary action: a decline button, a "No, …" link, an "I prefer…" text. Its label is folded (lower case,
/// straight apostrophes) and matched against ``shamingPatterns``, each a guilt or self-deprecation frame: "I don't
/// want / like / care about" followed by something desirable (saving, money, deals, safety, health…), "I prefer /
/// I'd rather pay full price", "I'll stay uninformed / unprotected", "I hate…", "I like paying more", "miss out",
/// "lose my discount". A plain "No thanks", "Not now", "Cancel" or "No, I don't want notifications" matches none.
/// One event per shaming label.
public struct ConfirmshamingRule: ManipulationRule {
    public var id: String { "confirmshaming" }

    public init() {}

    /// What a decline shouldn't say, one frame a line.
    static let shamingPatterns = PatternGroup(
        [
            // "No, I don't want to save money", "I don't like good deals", "I don't need protection"
            #"\bi (?:don't|do not|dont) (?:want|like|need|care about|deserve)\b.*\b(?:sav(?:e|ing|ings)|money|deals?|discounts?|"#
                + #"bargains?|free|rewards?|bonus|perks|benefits|protect(?:ion|ed)?|secur(?:e|ity)|safe(?:ty)?|health(?:y)?|"#
                + #"better|best|smart(?:er)?|happy|happiness|success|informed|fit|exclusive)\b"#,
            // "I don't care about my privacy", "No, I don't care"
            #"\bi (?:don't|do not|dont) care\b"#,
            // "I don't deserve a treat"
            #"\bi (?:don't|do not|dont) deserve\b"#,
            // "I prefer paying full price", "I'd rather pay more"
            #"\bi(?:'d| would)? (?:prefer|rather|like|love|enjoy) (?:to )?"#
                + #"(?:(?:pay(?:ing)?|spend(?:ing)?) (?:full|more|extra|double|the full)|overpay|wast(?:e|ing)|los(?:e|ing)|miss(?:ing)? out)"#,
            // "No thanks, I'll pay full price"
            #"\bfull price\b"#,
            // "I'll stay uninformed", "Leave me unprotected", "I prefer to stay in the dark"
            #"\b(?:stay|remain|be|keep me|leave me)\b.*\b(?:uninformed|ignorant|in the dark|unprotected|vulnerable|at risk|unsafe|"#
                + #"behind|broke|poor|bored|boring|out of the loop|unhealthy|insecure)\b"#,
            // "I hate saving money", "I hate fun"
            #"\bi hate\b"#,
            // "I'm fine with losing my progress", "I'm okay missing out"
            #"\bi(?:'m| am) (?:fine|ok|okay|happy|good) (?:with )?(?:los|miss|wast|overpay|being|pay(?:ing)? (?:full|more|extra))"#,
            // "No, I'm not interested in saving", "I'm not interested in better health"
            #"\bi(?:'m| am) not interested in (?:sav|money|deals?|discounts?|free|better|my |protect|being)"#,
            // "No, I'll miss out", "I want to miss out" (but not an urgency link "Don't miss out")
            #"\b(?:i'll|i will|i want to|i'd rather|let me|happy to) miss(?:ing)? out\b"#,
            // "No, I'll lose my discount", "Give up my rewards"
            #"\b(?:lose|losing|give up|forfeit|waste|wasting)\b.*\b(?:savings|money|discounts?|deals?|rewards?|bonus|perks|benefits)\b"#,
            // "I'm a bad person", "I don't deserve…": self-insults
            #"\bi(?:'m| am) (?:a )?(?:bad|terrible|selfish|lazy|stupid|dumb|loser)\b"#,
        ],
        // Every match of a pattern above contains one of these (pattern by pattern: "i do"; "i do"; "i do"; the verb;
        // "full price"; the final state; "i hate"; "i'm"/"i am"; the same; "miss"; the loss verb; "i'm"/"i am").
        needles: [
            "i do", "prefer", "rather", "like", "love", "enjoy", "full price", "uninformed", "ignorant", "in the dark",
            "unprotected", "vulnerable", "at risk", "unsafe", "behind", "broke", "poor", "bored", "boring", "out of the loop",
            "unhealthy", "insecure", "i hate", "i'm", "i am", "miss", "los", "give up", "forfeit", "wast",
        ])

    public func evaluate(_ context: RuleContext) -> [DriftEvent] {
        let tree = context.tree
        var events: [DriftEvent] = []
        var flagged = Set<Int>()
        for index in tree.nodes.indices {
            guard ManipulationSupport.isActionable(tree.nodes[index]), tree.nodes[index].nodeClass != .primaryAction else { continue }
            // A button named from its text child: judge the button once, not its text again.
            if !flagged.isEmpty && ManipulationSupport.hasAncestor(tree, index, in: flagged) { continue }
            let label = ManipulationSupport.label(tree, index)
            guard Self.shamingPatterns.firstMatch(label) != nil else { continue }
            flagged.insert(index)
            events.append(
                ManipulationSupport.event(
                    id, .warning, context,
                    message: "The decline option \(ManipulationSupport.quoted(label)) shames the user for declining.",
                    evidence: [DriftEvent.Evidence(path: tree.path(of: index), text: label)]))
        }
        return events
    }
}
