/// Compares a matched capture with its template and its session, and raises drift events.
///
/// | rule | kind | severity | when |
/// | --- | --- | --- | --- |
/// | `unknown_screen` | content | warning | no template reaches the match threshold |
/// | `required_missing` | content | critical | a required selector finds nothing |
/// | `forbidden_present` | content | warning | a forbidden selector finds a node |
/// | `layout_drift` | layout | warning | added, removed and moved nodes exceed the template's `layout_tolerance` share of the reference |
/// | `content_changed` | content | info | names or values outside the masks changed |
/// | `invalid_transition` | sequence | warning | the previous screen's `valid_transitions` do not list this one |
/// | `loop` | sequence | warning | the session goes A → B → A → B |
///
/// and every ``ManipulationRule`` in ``rules``.
public struct DriftDetector: Sendable {
    public var rules: [any ManipulationRule]

    public init(rules: [any ManipulationRule] = ManipulationRules.all) {
        self.rules = rules
    }

    /// The events for one capture.
    /// - Parameters:
    ///   - session: what came before in the same session.
    public func detect(_ tree: UITree, match: TemplateMatcher.Match, session: SessionState) -> [DriftEvent] {
        let screen = match.screen
        let sessionID = session.id ?? tree.session
        var events: [DriftEvent] = []
        func event(
            _ kind: DriftEvent.Kind, _ severity: DriftEvent.Severity, _ rule: String, _ message: String,
            _ evidence: [DriftEvent.Evidence] = []
        ) {
            events.append(
                DriftEvent(
                    kind: kind, severity: severity, rule: rule, screen: screen, session: sessionID, message: message, evidence: evidence))
        }

        var diff: TreeDiff?
        if let template = match.template {
            for selector in match.missingRequired {
                event(
                    .content, .critical, "required_missing", "A required node is missing: \(selector).",
                    [DriftEvent.Evidence(path: selector.source)])
            }
            for selector in template.forbidden {
                let found = selector.select(in: tree)
                guard !found.isEmpty else { continue }
                event(
                    .content, .warning, "forbidden_present", "A forbidden node is present: \(selector).",
                    found.prefix(10).map { DriftEvent.Evidence(path: tree.path(of: $0), text: tree.nodes[$0].name) })
            }
            if let reference = template.reference {
                let comparison = TreeDiff(before: reference, after: tree, maskedInBefore: template.maskedNodes)
                diff = comparison
                let structural = comparison.changes.filter { $0.kind != .changed }
                let moved = structural.reduce(0) { $0 + $1.subtreeSize }
                let share = reference.count == 0 ? 0 : Double(moved) / Double(reference.count)
                if share > template.layoutTolerance {
                    event(
                        .layout, .warning, "layout_drift",
                        "The layout departs from the baseline: \(moved) of \(reference.count) nodes added, removed or moved "
                            + "(tolerance \(Int(template.layoutTolerance * 100)) %).",
                        structural.prefix(20).map { DriftEvent.Evidence(path: $0.path, text: $0.name, before: $0.kind.rawValue) })
                }
                let textChanges = comparison.changes.filter {
                    $0.kind == .changed && ($0.fields.contains(.name) || $0.fields.contains(.value))
                }
                if !textChanges.isEmpty {
                    event(
                        .content, .info, "content_changed",
                        "\(textChanges.count) text change\(textChanges.count == 1 ? "" : "s") outside the masks.",
                        textChanges.prefix(20).compactMap { change in
                            guard let a = change.beforeIndex, let b = change.afterIndex else { return nil }
                            let old = reference.nodes[a]
                            let new = tree.nodes[b]
                            return DriftEvent.Evidence(
                                path: change.path, text: new.name, before: old.name ?? old.value, after: new.name ?? new.value)
                        })
                }
            }
        } else {
            event(
                .content, .warning, "unknown_screen",
                "The screen matches no template (best score \(String(format3: match.score))\(match.runnerUp.map { ", nearest \($0.screenID)" } ?? ""))."
            )
        }

        if let previousScreen = session.screens.last, let previousTemplate = session.templates.last ?? nil {
            if previousScreen != screen, !previousTemplate.validTransitions.isEmpty, !previousTemplate.validTransitions.contains(screen) {
                event(
                    .sequence, .warning, "invalid_transition",
                    "\(previousScreen) → \(screen) is not a transition the baseline allows (\(previousTemplate.validTransitions.joined(separator: ", "))).",
                    [DriftEvent.Evidence(path: screen, before: previousScreen, after: screen)])
            }
        }
        let screens = session.screens
        if screens.count >= 3, screens[screens.count - 1] != screen, screens[screens.count - 2] == screen,
            screens[screens.count - 3] == screens[screens.count - 1]
        {
            event(
                .sequence, .warning, "loop", "The session loops: \(screens.suffix(3).joined(separator: " → ")) → \(screen).",
                [DriftEvent.Evidence(path: screen, text: (screens.suffix(3) + [screen]).joined(separator: " → "))])
        }

        let context = RuleContext(
            tree: tree, template: match.template, diff: diff, previous: session.trees.last, previousScreen: session.screens.last,
            history: session.screens, session: sessionID)
        for rule in rules { events.append(contentsOf: rule.evaluate(context)) }
        return events
    }
}

/// What a session has shown so far.
public struct SessionState: Sendable {
    /// How many screens a session remembers: the sequence checks look at the last three, the nagging rule counts a
    /// screen's repeats among them. The bound keeps a client posting to one session forever from growing memory.
    public static let historyLimit = 1_000

    public var id: String?
    /// The screen ids, oldest first: the last ``historyLimit`` of them.
    public private(set) var screens: [String] = []
    /// The most recent matched template (only the last is kept: the checks read no other, and a template is a few
    /// hundred bytes a copy, which a long history in each of thousands of sessions would multiply).
    public private(set) var templates: [Template?] = []
    /// The most recent trees (only the last is kept).
    public private(set) var trees: [UITree] = []

    public init(id: String? = nil) {
        self.id = id
    }

    /// Records a capture after its events are computed.
    public mutating func record(_ tree: UITree, match: TemplateMatcher.Match) {
        if screens.count == Self.historyLimit { screens.removeFirst() }
        screens.append(match.screen)
        templates = [match.template]
        trees = [tree]
    }
}
