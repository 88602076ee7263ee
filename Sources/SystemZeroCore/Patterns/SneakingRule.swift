/// Detects an amount sneaked into an order between two consecutive screens of a session: a new line item with a price
/// ("Protection plan $4.99") or a total, fee or price that went up, without a user action in between.
///
/// This is *Sneaking* in Mathur et al. 2019 ("Dark Patterns at Scale": *Sneak into Basket* and *Hidden Costs*) and in
/// Gray et al. 2018 ("The Dark (Patterns) Side of UX Design"), and *Sneaking: hidden costs* in UIGuard (Chen et al.
/// 2023, "Towards Automated Detection of UI Dark Patterns").
///
/// It compares the session's previous capture with this one (``TreeDiff`` of previous → current) when the screen is the
/// same, or both screen ids name a checkout step (cart, basket, checkout, payment, order, review, summary, confirm,
/// booking, shipping…); unknown screens are not compared. It stays silent when the user visibly acted in between: a
/// paired input's checked, mixed or selected state or value changed, or a quantity text changed. Then it collects:
/// - **added**: the top of each new subtree whose text holds a positive currency amount, unless its text was already on
///   the previous screen;
/// - **raised**: each paired node whose own text holds an amount (not one gathered from its children, as a "Pay $54.98"
///   button is) that is higher than its partner's, or that had no amount before ("Free" → "$3.99").
/// Discounts, promotions, credits and savings are left out. All findings form one event, critical.
public struct SneakingRule: ManipulationRule {
    public var id: String { "sneaking" }

    public init() {}

    /// Words of a screen id that mark a checkout step.
    static let checkoutWords: Set<String> = [
        "cart", "basket", "bag", "checkout", "payment", "pay", "order", "review", "summary", "confirm", "confirmation",
        "booking", "shipping", "delivery", "purchase", "billing",
    ]

    /// Labels of amounts that lower the price.
    static let creditPatterns = PatternGroup(
        [
            #"\b(?:discount|promo|promotion|coupon|voucher|savings?|saved|credits?|cashback|refund|rewards?)\b"#,
            #"\b\d+ ?% off\b"#,
        ],
        needles: ["discount", "promo", "coupon", "voucher", "sav", "credit", "cashback", "refund", "reward", "% off"])

    /// Words of a quantity control's text or id: a change there is the user's doing.
    static let quantityWords: Set<String> = ["qty", "quantity"]

    static func isCheckout(_ screen: String) -> Bool {
        ManipulationSupport.containsKeyword(ManipulationSupport.identifierWords(screen), checkoutWords)
    }

    static func isCredit(_ text: String?) -> Bool { creditPatterns.firstMatch(text) != nil }

    /// The highest amount in the node's own name and value.
    static func ownAmount(_ tree: UITree, _ index: Int) -> ManipulationSupport.Amount? {
        ManipulationSupport.amounts(in: ManipulationSupport.text(tree, index)).max()
    }

    /// The node's text, or the row's (its parent's subtree) when the node shows only a figure.
    static func rowLabel(_ tree: UITree, _ index: Int) -> String? {
        let text = ManipulationSupport.text(tree, index)
        if text?.contains(where: \.isLetter) ?? false { return text }
        let parent = tree.nodes[index].parent
        return parent >= 0 ? ManipulationSupport.subtreeText(tree, parent) : text
    }

    /// `true` when a paired input changed state or value, or a quantity changed: the user did something.
    static func userActed(_ diff: TreeDiff) -> Bool {
        let toggles: StateSet = [.checked, .mixed, .selected]
        for before in diff.before.nodes.indices {
            let after = diff.partnerInAfter[before]
            guard after >= 0 else { continue }
            let old = diff.before.nodes[before]
            let new = diff.after.nodes[after]
            if old.role.isInput && (old.states.intersection(toggles) != new.states.intersection(toggles) || old.value != new.value) {
                return true
            }
            let oldText = ManipulationSupport.text(diff.before, before)
            if oldText != ManipulationSupport.text(diff.after, after),
                ManipulationSupport.containsWord(oldText, in: quantityWords)
                    || ManipulationSupport.containsKeyword(ManipulationSupport.identifierWords(old.id), quantityWords)
            {
                return true
            }
        }
        return false
    }

    public func evaluate(_ context: RuleContext) -> [DriftEvent] {
        guard let previous = context.previous, previous.count > 0, context.tree.count > 0 else { return [] }
        let screen = context.screen
        let previousScreen = context.previousScreen ?? screen
        guard screen != "unknown", previousScreen != "unknown",
            previousScreen == screen || (Self.isCheckout(previousScreen) && Self.isCheckout(screen))
        else { return [] }
        let tree = context.tree
        // The same content as the previous capture (a screen captured again unchanged) pairs every node: nothing
        // was added, so nothing was sneaked in.
        guard previous.contentSignature != tree.contentSignature else { return [] }
        let diff = TreeDiff(before: previous, after: tree)
        guard !Self.userActed(diff) else { return [] }

        var evidence: [DriftEvent.Evidence] = []
        var addedCount = 0
        var previousTexts: Set<String>?
        for index in tree.nodes.indices where diff.partnerInBefore[index] < 0 {
            let parent = tree.nodes[index].parent
            guard parent < 0 || diff.partnerInBefore[parent] >= 0, let text = ManipulationSupport.subtreeText(tree, index),
                let amount = ManipulationSupport.amounts(in: text).first(where: { $0.minorUnits > 0 }), !Self.isCredit(text)
            else { continue }
            if previousTexts == nil {
                previousTexts = Set(previous.nodes.indices.compactMap { ManipulationSupport.subtreeText(previous, $0) })
            }
            guard !previousTexts!.contains(text) else { continue }
            evidence.append(DriftEvent.Evidence(path: tree.path(of: index), text: text, after: amount.text))
            addedCount += 1
        }
        // Each node's own highest amount, computed once.
        let ownAmounts = tree.nodes.indices.map { Self.ownAmount(tree, $0) }
        for index in tree.nodes.indices where diff.partnerInBefore[index] >= 0 {
            guard let after = ownAmounts[index], after.minorUnits > 0,
                !ownAmounts[(index + 1)..<tree.nodes[index].end].contains(where: { $0 != nil })
            else { continue }
            let before = Self.ownAmount(previous, diff.partnerInBefore[index])
            if let before, after.minorUnits <= before.minorUnits { continue }
            let label = Self.rowLabel(tree, index)
            guard !Self.isCredit(label) else { continue }
            evidence.append(DriftEvent.Evidence(path: tree.path(of: index), text: label, before: before?.text, after: after.text))
        }
        guard let first = evidence.first else { return [] }
        let message: String
        if addedCount > 0 {
            message = "A line item \(ManipulationSupport.quoted(first.text)) was added without a user action."
        } else {
            let from = first.before.map { "from \($0) " } ?? ""
            message = "The amount \(ManipulationSupport.quoted(first.text)) went up \(from)to \(first.after ?? "") without a user action."
        }
        return [ManipulationSupport.event(id, .critical, context, message: message, evidence: evidence)]
    }
}
