/// Detects a decline or close option made much less prominent than the option the screen wants taken.
///
/// This is *Interface Interference* in Gray et al. 2018 ("The Dark (Patterns) Side of UX Design"), visual
/// interference and "aesthetic manipulation"; Mathur et al. 2019 ("Dark Patterns at Scale") file it under
/// *Misdirection: visual interference*; UIGuard (Chen et al. 2023, "Towards Automated Detection of UI Dark Patterns")
/// detects it as *Interface Interference: aesthetic manipulation / false hierarchy*.
///
/// With the template's `prominence` entries, for each entry whose primary is on screen:
/// - **gone**: the alternative is not found (by its selector, nor as the diff partner of the reference's alternative)
///   while the reference had it;
/// - **off-screen**: less than half of the alternative's bounds lie inside the viewport;
/// - **demoted role**: the reference's alternative was a button and its partner in the capture is not (a link, plain
///   text);
/// - **size**: the primary's area divided by the alternative's area exceeds the entry's `maxRatio`.
/// The first of these that holds is raised, one event per entry.
///
/// Without prominence entries, a default check: the largest primary action (node class) against the largest decline
/// option (an actionable node whose label starts with a decline phrase, outside navigation chrome such as tool bars).
/// It raises when the area ratio exceeds ``defaultMaxRatio`` (4), or ``linkOnlyMaxRatio`` (2) when the only ways to
/// decline are links or plain text. Nodes without bounds are not judged by size.
public struct DemotedAlternativeRule: ManipulationRule {
    public var id: String { "demoted_alternative" }
    /// The largest allowed primary-to-decline area ratio without a template entry.
    public var defaultMaxRatio: Double
    /// The same ratio when every way to decline is a link or plain text rather than a button.
    public var linkOnlyMaxRatio: Double
    /// The smallest share of an alternative's bounds that must lie inside the viewport.
    public var minimumVisibleFraction: Double

    public init(defaultMaxRatio: Double = 4, linkOnlyMaxRatio: Double = 2, minimumVisibleFraction: Double = 0.5) {
        self.defaultMaxRatio = defaultMaxRatio
        self.linkOnlyMaxRatio = linkOnlyMaxRatio
        self.minimumVisibleFraction = minimumVisibleFraction
    }

    public func evaluate(_ context: RuleContext) -> [DriftEvent] {
        let entries = context.template?.prominence ?? []
        if entries.isEmpty { return defaultCheck(context).map { [$0] } ?? [] }
        let diff = ManipulationSupport.referenceDiff(context)
        return entries.compactMap { check($0, context, diff) }
    }

    private func check(_ entry: Template.Prominence, _ context: RuleContext, _ diff: TreeDiff?) -> DriftEvent? {
        let tree = context.tree
        guard let primary = entry.primary.first(in: tree) else { return nil }
        let primaryLabel = ManipulationSupport.label(tree, primary)
        let reference = diff?.before
        let referenceAlternative = reference.flatMap { entry.alternative.first(in: $0) }
        var partner: Int?
        if let diff, let referenceAlternative, diff.partnerInAfter[referenceAlternative] >= 0 {
            partner = diff.partnerInAfter[referenceAlternative]
        }
        guard let alternative = entry.alternative.first(in: tree) ?? partner else {
            guard let reference, let referenceAlternative else { return nil }
            let before = ManipulationSupport.label(reference, referenceAlternative)
            return ManipulationSupport.event(
                id, .critical, context,
                message: "The alternative \(ManipulationSupport.quoted(before)) to \(ManipulationSupport.quoted(primaryLabel)) "
                    + "is gone from the screen.",
                evidence: [
                    DriftEvent.Evidence(path: reference.path(of: referenceAlternative), text: before, before: before),
                    DriftEvent.Evidence(path: tree.path(of: primary), text: primaryLabel),
                ])
        }
        let node = tree.nodes[alternative]
        let label = ManipulationSupport.label(tree, alternative)
        let alternativePath = tree.path(of: alternative)
        let primaryEvidence = DriftEvent.Evidence(path: tree.path(of: primary), text: primaryLabel)

        let visible = ManipulationSupport.visibleFraction(node.bounds, in: tree.viewport)
        if visible < minimumVisibleFraction {
            return ManipulationSupport.event(
                id, .critical, context,
                message: "The alternative \(ManipulationSupport.quoted(label)) to \(ManipulationSupport.quoted(primaryLabel)) "
                    + "was moved off-screen.",
                evidence: [
                    DriftEvent.Evidence(path: alternativePath, text: label, after: "\(Int((visible * 100).rounded()))% visible"),
                    primaryEvidence,
                ])
        }
        if let reference, let referenceAlternative, partner == alternative, reference.nodes[referenceAlternative].role == .button,
            node.role != .button
        {
            return ManipulationSupport.event(
                id, .critical, context,
                message: "The alternative \(ManipulationSupport.quoted(label)) was turned from a button into a \(node.role.rawValue).",
                evidence: [
                    DriftEvent.Evidence(path: alternativePath, text: label, before: Role.button.rawValue, after: node.role.rawValue),
                    primaryEvidence,
                ])
        }
        return sizeEvent(context, primary: primary, alternative: alternative, maxRatio: entry.maxRatio)
    }

    private func defaultCheck(_ context: RuleContext) -> DriftEvent? {
        let tree = context.tree
        var primary: Int?
        var decline: Int?
        var primaryArea = 0.0
        var declineArea = 0.0
        var declineHasButton = false
        for index in tree.nodes.indices {
            guard let area = ManipulationSupport.area(tree.nodes[index]), area > 0 else { continue }
            if tree.nodes[index].nodeClass == .primaryAction {
                if area > primaryArea && !ManipulationSupport.isInChrome(tree, index) { (primary, primaryArea) = (index, area) }
            } else if ManipulationSupport.isDeclineOption(tree, index) && !ManipulationSupport.isInChrome(tree, index) {
                if tree.nodes[index].role == .button { declineHasButton = true }
                if area > declineArea { (decline, declineArea) = (index, area) }
            }
        }
        guard let primary, let decline else { return nil }
        return sizeEvent(context, primary: primary, alternative: decline, maxRatio: declineHasButton ? defaultMaxRatio : linkOnlyMaxRatio)
    }

    private func sizeEvent(_ context: RuleContext, primary: Int, alternative: Int, maxRatio: Double) -> DriftEvent? {
        let tree = context.tree
        guard let primaryArea = ManipulationSupport.area(tree.nodes[primary]),
            let alternativeArea = ManipulationSupport.area(tree.nodes[alternative]), alternativeArea > 0
        else { return nil }
        let ratio = primaryArea / alternativeArea
        guard ratio > maxRatio else { return nil }
        let label = ManipulationSupport.label(tree, alternative)
        let primaryLabel = ManipulationSupport.label(tree, primary)
        return ManipulationSupport.event(
            id, .critical, context,
            message: "The alternative \(ManipulationSupport.quoted(label)) is \(ManipulationSupport.oneDecimal(ratio))× smaller than "
                + "\(ManipulationSupport.quoted(primaryLabel)) (at most \(ManipulationSupport.oneDecimal(maxRatio))× allowed).",
            evidence: [
                DriftEvent.Evidence(path: tree.path(of: alternative), text: label, after: "\(Int(alternativeArea.rounded())) px²"),
                DriftEvent.Evidence(path: tree.path(of: primary), text: primaryLabel, after: "\(Int(primaryArea.rounded())) px²"),
            ])
    }
}
