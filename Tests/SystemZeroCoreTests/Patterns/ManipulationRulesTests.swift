import Testing

@testable import SystemZeroCore

struct ManipulationRulesTests {
    typealias S = PatternScreens

    @Test func allListsTheEightRulesInOrder() {
        #expect(
            ManipulationRules.all.map(\.id) == [
                "demoted_alternative", "confirmshaming", "preselection", "false_urgency", "information_hiding", "nagging", "obstruction",
                "sneaking",
            ])
    }

    /// Each clean screen against its own baseline, as the second capture of a session: no rule raises anything.
    @Test(arguments: ["offer_card", "cookie_consent", "checkout_review", "subscription_settings"])
    func cleanScreensRaiseNothing(_ screen: String) {
        let root: UINode =
            switch screen {
            case "offer_card": S.offerCard()
            case "cookie_consent": S.consentDialog()
            case "checkout_review": S.checkout()
            default: S.subscription()
            }
        let tree = S.tree(root)
        let context = S.context(
            tree, screen: screen, reference: S.tree(root), validTransitions: ["home"], previous: S.tree(root), previousScreen: screen,
            history: [screen])
        #expect(S.allEvents(context).isEmpty)
    }

    @Test func rulesAreDeterministic() {
        let reject = S.node(.link, "No thanks, I hate privacy", S.box(700, 2200, 260, 50))
        let tree = S.tree(S.consentDialog(marketing: [.checkable, .checked], reject: reject))
        let first = S.allEvents(S.context(tree, screen: nil))
        #expect(first.map(\.rule) == ["demoted_alternative", "confirmshaming", "preselection"])
        #expect(first == S.allEvents(S.context(tree, screen: nil)))
        #expect(first.allSatisfy { $0.kind == .manipulative && $0.screen == "unknown" && $0.session == "s-1" })
    }

    @Test func amountsAreReadInTheirWrittenForms() {
        let read = { (text: String) in ManipulationSupport.amounts(in: text).map(\.minorUnits) }
        #expect(read("$7.50") == [750])
        #expect(read("Payout €3 incl. tip") == [300])
        #expect(read("12.99") == [1299])
        #expect(read("3,50 €") == [350])
        #expect(read("US$ 1,234.56") == [123_456])
        #expect(read("Promo -$5.00") == [-500])
        #expect(read("Subtotal $49.99 · Fees $2.99") == [4999, 299])
        #expect(read("2.4 mi · 14 min").isEmpty)
        #expect(read("0:30").isEmpty)
        #expect(read("v1.25").isEmpty)
        #expect(ManipulationSupport.identifierWords("com.ubercab.driver:id/tvPayoutAmount") == ["tv", "payout", "amount"])
    }
}
