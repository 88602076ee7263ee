/// Detects key information the baseline showed (a payout, a price, a total, a fee, a distance, a tip) that the capture
/// removed or emptied.
///
/// This is *Hidden Information* in UIGuard (Chen et al. 2023, "Towards Automated Detection of UI Dark Patterns"),
/// *Hidden Costs* under *Sneaking* in Mathur et al. 2019 ("Dark Patterns at Scale"), and *Sneaking: hidden information*
/// in Gray et al. 2018 ("The Dark (Patterns) Side of UX Design"). For gig work it is the offer card that stops
/// showing the payout or the distance before the driver accepts.
///
/// A node of the template's reference carries key information when its name, value or id contains a word of
/// ``keyWords`` (payout, price, total, fee, distance, cost, tip, earnings, fare…), or its text holds a currency amount
/// (`$7.50`, `€3`, `12.99`) or a distance (`2.4 mi`). Using the diff of the reference against the capture, such a node is
/// - **removed** when it has no partner and no node of the capture shows the same text;
/// - **emptied** when its partner shows no letters or digits any more, or when the reference text held an amount or a
///   distance and the partner's text holds no digit (`$7.50` → `Tap to see payout`).
/// A changed amount (`$7.50` → `$9.10`) or a changed masked name is not hiding. Only the outermost hidden node of a
/// removed subtree is raised. One event per hidden node, critical.
public struct InformationHidingRule: ManipulationRule {
    public var id: String { "information_hiding" }

    public init() {}

    /// Words that mark key information in a name, value or id.
    static let keyWords: Set<String> = [
        "payout", "payouts", "pay-out", "price", "prices", "pricing", "total", "totals", "subtotal", "fee", "fees", "distance", "cost",
        "costs", "tip", "tips", "earnings", "earning", "fare", "fares", "surcharge", "payment", "amount", "charge", "charges",
    ]

    /// `true` when the node's text or id carries key information.
    static func isKey(_ tree: UITree, _ index: Int) -> Bool {
        let text = ManipulationSupport.text(tree, index)
        if ManipulationSupport.containsWord(text, in: keyWords) { return true }
        if ManipulationSupport.containsKeyword(ManipulationSupport.identifierWords(tree.nodes[index].id), keyWords) { return true }
        return hasFigure(text)
    }

    /// `true` when the text holds a currency amount or a distance.
    static func hasFigure(_ text: String?) -> Bool {
        !ManipulationSupport.amounts(in: text).isEmpty || ManipulationSupport.hasDistance(text)
    }

    public func evaluate(_ context: RuleContext) -> [DriftEvent] {
        guard let diff = ManipulationSupport.referenceDiff(context) else { return [] }
        let reference = diff.before
        let tree = context.tree
        var shownCache: Set<String>?
        var removed = Set<Int>()
        var events: [DriftEvent] = []
        let keys = ManipulationSupport.referenceFact(.keyInformation, context, reference) { reference in
            reference.nodes.indices.filter { Self.isKey(reference, $0) }
        }
        for index in keys {
            let before = ManipulationSupport.text(reference, index)
            let partner = diff.partnerInAfter[index]
            if partner < 0 {
                if ManipulationSupport.hasAncestor(reference, index, in: removed) { continue }
                if let before {
                    if shownCache == nil { shownCache = Set(tree.nodes.indices.compactMap { ManipulationSupport.text(tree, $0) }) }
                    if shownCache!.contains(before) { continue }
                }
                removed.insert(index)
                let text = before ?? ManipulationSupport.subtreeText(reference, index)
                events.append(
                    ManipulationSupport.event(
                        id, .critical, context,
                        message: "Key information \(ManipulationSupport.quoted(text)) shown in the baseline was removed from the screen.",
                        evidence: [DriftEvent.Evidence(path: reference.path(of: index), text: text, before: text)]))
                continue
            }
            guard let before else { continue }
            let after = ManipulationSupport.text(tree, partner)
            let hasContent = after?.contains { $0.isLetter || $0.isNumber } ?? false
            // A masked field's baseline text is "*": its figure is unknown, so a key field by its id must keep a digit.
            let masked = ManipulationSupport.isMasked(reference, index)
            // Every index here is a key node.
            let hadFigure = Self.hasFigure(before) || masked
            let lostFigure = hadFigure && !(after?.contains(where: \.isNumber) ?? false)
            guard !hasContent || lostFigure else { continue }
            let shownBefore = masked ? "of the masked field \(reference.path(of: index))" : ManipulationSupport.quoted(before)
            events.append(
                ManipulationSupport.event(
                    id, .critical, context,
                    message: "Key information \(shownBefore) shown in the baseline was emptied"
                        + (hasContent ? " to \(ManipulationSupport.quoted(after))." : "."),
                    evidence: [DriftEvent.Evidence(path: tree.path(of: partner), text: before, before: before, after: after)]))
        }
        return events
    }
}
