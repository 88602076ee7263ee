import Testing
@testable import SystemZeroCore

struct ZZScratchTests {
    typealias S = PatternScreens
    @Test func dump() {
        let ref = S.tree(S.offerCard())
        var out: [DriftEvent] = []
        out += DemotedAlternativeRule().evaluate(S.context(S.tree(S.offerCard(decline: S.node(.link, "Decline", id: "decline_button", S.box(60, 2160, 960, 140)))), reference: ref, prominence: [Template.Prominence(primary: .id("accept_button"), alternative: .id("decline_button"), maxRatio: 2)]))
        out += DemotedAlternativeRule().evaluate(S.context(S.tree(S.offerCard(decline: S.node(.button, "Decline", id: "decline_button", S.box(840, 2200, 180, 100))))))
        out += InformationHidingRule().evaluate(S.context(S.tree(S.offerCard(payout: nil)), reference: ref))
        out += InformationHidingRule().evaluate(S.context(S.tree(S.offerCard(payout: "Tap to see payout")), reference: ref))
        out += ObstructionRule().evaluate(S.context(S.tree(S.subscription(cancel: S.node(.button, "Manage", id: "manage_subscription", S.box(40, 1300, 1000, 140)))), screen: "subs", reference: S.tree(S.subscription())))
        out += ObstructionRule().evaluate(S.context(S.tree(S.subscription(cancel: nil)), screen: "subs", reference: S.tree(S.subscription())))
        out += ObstructionRule().evaluate(S.context(S.tree(S.subscription(cancel: nil)), screen: "subs", validTransitions: ["cancel_confirm"]))
        out += SneakingRule().evaluate(S.context(S.tree(S.checkout(items: [("Wireless earbuds", "$49.99"), ("Protection plan", "$4.99")], total: "$54.98")), screen: "checkout_review", previous: S.tree(S.checkout()), previousScreen: "checkout_review"))
        out += PreselectionRule().evaluate(S.context(S.tree(S.consentDialog(marketing: [.checked])), screen: "c", reference: S.tree(S.consentDialog())))
        out += FalseUrgencyRule().evaluate(S.context(S.tree(S.window([S.node(.text, "Only 2 left in stock"), S.node(.status, "14 people are viewing this")])), screen: nil))
        out += NaggingRule().evaluate(S.context(ref, screen: "upsell", interstitial: true, history: ["upsell"]))
        out += ConfirmshamingRule().evaluate(S.context(S.tree(S.window([S.node(.link, "No thanks, I prefer paying full price")])), screen: nil))
        for e in out { print("EVT", e.rule, e.severity, "|", e.message, "|", e.evidence.map { "\($0.path) t=\($0.text ?? "-") b=\($0.before ?? "-") a=\($0.after ?? "-")" }) }
    }
}
