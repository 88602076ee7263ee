/// Detects a way out (cancel, decline, close, back, unsubscribe) that the baseline offered and the capture no longer
/// does: removed, disabled, or replaced by a control that only leads somewhere else ("Cancel subscription" → "Manage").
///
/// This is *Obstruction* in Gray et al. 2018 ("The Dark (Patterns) Side of UX Design") and in Mathur et al. 2019
/// ("Dark Patterns at Scale", including *Hard to Cancel* / roach motel), and *Obstruction: roach motel* in UIGuard
/// (Chen et al. 2023, "Towards Automated Detection of UI Dark Patterns").
///
/// A way out is something the user can press, not taken for the primary action, whose label has an ``Intent``:
/// **cancel** (cancel, unsubscribe, end subscription, opt out, exit, quit, leave, log out, turn off auto-renew),
/// **back** (back, go back, previous) or **decline** (any other decline phrase of the classifier: no, not now, skip,
/// close, ×…). With the template's reference, for each enabled way out of the reference (diff pairing):
/// - its partner is **disabled** → raised;
/// - its partner lost the way-out label or stopped being pressable (renamed to "Manage", turned into plain text), and
///   no other enabled way out of the same intent is on screen → raised as **hidden behind a longer path**;
/// - it has no partner and no enabled way out of the same intent is on screen → raised as **gone**.
/// Without a reference, the template's `validTransitions` are used: when the template lists a target whose id names a way
/// out (cancel, decline, exit, home, back, close, dismiss, skip, unsubscribe) but the capture has no enabled way out and
/// no control named after that target, one event is raised at the screen's root. Critical.
public struct ObstructionRule: ManipulationRule {
    public var id: String { "obstruction" }

    public init() {}

    /// What a way out does.
    public enum Intent: String, Sendable {
        case cancel, back, decline
    }

    static let cancelPatterns = PatternGroup(
        [
            #"^(?:cancel|unsubscribe|terminate|deactivate|exit|quit|leave)\b"#,
            #"\b(?:cancel|end|stop|terminate|pause) (?:my |your |the )?(?:subscription|membership|plan|trial|account|auto-?renew(?:al)?)\b"#,
            #"\bopt out\b"#,
            #"\bturn off auto-?renew"#,
            #"\bclose (?:my |your )?account\b"#,
        ],
        // Pattern by pattern: the leading verb; the thing ended; "opt out"; "auto"; "account".
        needles: [
            "cancel", "unsubscribe", "terminate", "deactivate", "exit", "quit", "leave", "subscription", "membership", "plan",
            "trial", "account", "auto", "opt out",
        ])

    static let backPatterns = PatternGroup([#"^(?:go )?back\b"#, #"^previous\b"#], needles: ["back", "previous"])

    /// Words of a screen id that name a way out.
    static let exitScreenWords: Set<String> = [
        "cancel", "cancellation", "decline", "declined", "exit", "home", "back", "close", "dismiss", "skip", "unsubscribe",
    ]

    /// The intent of a label, or `nil` when it is not a way out.
    static func intent(_ label: String?) -> Intent? {
        let folded = ManipulationSupport.folded(label)
        if cancelPatterns.firstMatch(folded: folded) != nil { return .cancel }
        if backPatterns.firstMatch(folded: folded) != nil { return .back }
        if ManipulationSupport.isDeclineLabel(label) { return .decline }
        return nil
    }

    /// The intent of a node that is a way out the user can press, or `nil`.
    static func exitIntent(_ tree: UITree, _ index: Int) -> Intent? {
        guard ManipulationSupport.isActionable(tree.nodes[index]), tree.nodes[index].nodeClass != .primaryAction else { return nil }
        return intent(ManipulationSupport.label(tree, index))
    }

    /// The intents of the enabled ways out of a tree.
    static func enabledIntents(_ tree: UITree) -> Set<Intent> {
        var intents = Set<Intent>()
        for index in tree.nodes.indices where !tree.nodes[index].states.contains(.disabled) {
            if let intent = exitIntent(tree, index) { intents.insert(intent) }
        }
        return intents
    }

    public func evaluate(_ context: RuleContext) -> [DriftEvent] {
        guard let diff = ManipulationSupport.referenceDiff(context) else { return transitionCheck(context) }
        let reference = diff.before
        let tree = context.tree
        var availableCache: Set<Intent>?
        var events: [DriftEvent] = []
        let waysOut = ManipulationSupport.referenceFact(.waysOut, context, reference) { reference in
            reference.nodes.indices.compactMap { index -> (index: Int, intent: Intent, label: String?)? in
                guard !reference.nodes[index].states.contains(.disabled), let intent = Self.exitIntent(reference, index) else { return nil }
                return (index, intent, ManipulationSupport.label(reference, index))
            }
        }
        for (index, intent, label) in waysOut {
            let partner = diff.partnerInAfter[index]
            if partner >= 0 && tree.nodes[partner].states.contains(.disabled) {
                events.append(
                    ManipulationSupport.event(
                        id, .critical, context,
                        message: "The way out \(ManipulationSupport.quoted(label)) is disabled.",
                        evidence: [DriftEvent.Evidence(path: tree.path(of: partner), text: label, before: "enabled", after: "disabled")]))
                continue
            }
            if partner >= 0 && Self.exitIntent(tree, partner) == intent { continue }
            if availableCache == nil { availableCache = Self.enabledIntents(tree) }
            if availableCache!.contains(intent) { continue }
            if partner >= 0 {
                let now = ManipulationSupport.label(tree, partner)
                let role = tree.nodes[partner].role.rawValue
                events.append(
                    ManipulationSupport.event(
                        id, .critical, context,
                        message: "The way out \(ManipulationSupport.quoted(label)) was replaced by the \(role) "
                            + "\(ManipulationSupport.quoted(now)), leaving at best a longer path.",
                        evidence: [DriftEvent.Evidence(path: tree.path(of: partner), text: label, before: label, after: now)]))
            } else {
                events.append(
                    ManipulationSupport.event(
                        id, .critical, context,
                        message: "The way out \(ManipulationSupport.quoted(label)) the baseline offered is gone, and no other "
                            + "\(intent.rawValue) option replaces it.",
                        evidence: [DriftEvent.Evidence(path: reference.path(of: index), text: label, before: label)]))
            }
        }
        return events
    }

    /// Without a reference: a way-out transition the template allows, but nothing on screen to take it.
    private func transitionCheck(_ context: RuleContext) -> [DriftEvent] {
        guard let template = context.template, context.tree.count > 0 else { return [] }
        let targets = template.validTransitions.filter {
            ManipulationSupport.containsKeyword(ManipulationSupport.identifierWords($0), Self.exitScreenWords)
        }
        guard !targets.isEmpty else { return [] }
        let tree = context.tree
        if !Self.enabledIntents(tree).isEmpty { return [] }
        let targetWords = Set(targets.flatMap { ManipulationSupport.identifierWords($0) }).intersection(Self.exitScreenWords)
        let named = tree.nodes.indices.contains { index in
            let node = tree.nodes[index]
            guard ManipulationSupport.isActionable(node), !node.states.contains(.disabled) else { return false }
            return ManipulationSupport.containsWord(ManipulationSupport.label(tree, index), in: targetWords)
        }
        if named { return [] }
        let list = targets.joined(separator: ", ")
        return [
            ManipulationSupport.event(
                id, .critical, context,
                message: "The baseline lets this screen lead out to \(list), but no control on it leads there any more.",
                evidence: [DriftEvent.Evidence(path: tree.path(of: 0), text: list, after: "no way out")])
        ]
    }
}
