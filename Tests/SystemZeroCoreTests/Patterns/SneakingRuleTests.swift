import Testing

@testable import SystemZeroCore

struct SneakingRuleTests {
    typealias S = PatternScreens
    let rule = SneakingRule()
    var previous: UITree { S.tree(S.checkout()) }

    @Test func protectionPlanSneakedIntoTheOrderIsRaised() throws {
        let tree = S.tree(S.checkout(items: [("Wireless earbuds", "$49.99"), ("Protection plan", "$4.99")], total: "$54.98"))
        let context = S.context(tree, screen: "checkout_review", previous: previous, previousScreen: "checkout_review")
        let events = rule.evaluate(context)
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.rule == "sneaking")
        #expect(event.severity == .critical)
        #expect(event.kind == .manipulative)
        #expect(event.screen == "checkout_review")
        #expect(event.evidence.map(\.path) == ["window/list[line_items]/listitem#2", "window/group[totals]/text[order_total]"])
        #expect(event.evidence.first?.text == "Protection plan $4.99")
        #expect(event.evidence.first?.after == "$4.99")
        #expect(event.evidence.last?.before == "$49.99")
        #expect(event.evidence.last?.after == "$54.98")
        #expect(event.message.contains("Protection plan $4.99"))
    }

    @Test func totalRaisedOnTheNextCheckoutStepIsRaised() throws {
        let tree = S.tree(S.checkout(total: "$52.49"))
        let context = S.context(tree, screen: "checkout_payment", previous: previous, previousScreen: "checkout_review")
        let events = rule.evaluate(context)
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.evidence.map(\.path) == ["window/group[totals]/text[order_total]"])
        #expect(event.evidence.first?.text == "Total $52.49")
        #expect(event.message.contains("from $49.99 to $52.49"))
    }

    @Test func userTickingTheAddOnIsAUserAction() {
        func screen(_ checked: Bool, _ items: [(String, String)], _ total: String) -> UITree {
            let toggle = S.node(
                .checkbox, "Add protection plan ($4.99)", id: "add_protection", states: checked ? [.checkable, .checked] : [.checkable],
                S.box(40, 1250, 1000, 100))
            return S.tree(S.checkout(items: items, total: total, extra: [toggle]))
        }
        let before = screen(false, [("Wireless earbuds", "$49.99")], "$49.99")
        let after = screen(true, [("Wireless earbuds", "$49.99"), ("Protection plan", "$4.99")], "$54.98")
        let context = S.context(after, screen: "checkout_review", previous: before, previousScreen: "checkout_review")
        #expect(rule.evaluate(context).isEmpty)
    }

    @Test func unrelatedScreensLowerTotalsAndDiscountsAreNotSneaking() {
        let sneaked = S.tree(S.checkout(items: [("Wireless earbuds", "$49.99"), ("Protection plan", "$4.99")], total: "$54.98"))
        #expect(rule.evaluate(S.context(sneaked, screen: "checkout_review", previous: previous, previousScreen: "home")).isEmpty)
        #expect(rule.evaluate(S.context(sneaked, screen: "checkout_review")).isEmpty)
        let cheaper = S.tree(S.checkout(items: [("Wireless earbuds", "$49.99"), ("Promo code SPRING", "-$5.00")], total: "$44.99"))
        let promo = S.context(cheaper, screen: "checkout_review", previous: previous, previousScreen: "checkout_review")
        #expect(rule.evaluate(promo).isEmpty)
        let same = S.context(previous, screen: "checkout_review", previous: previous, previousScreen: "checkout_review")
        #expect(rule.evaluate(same).isEmpty)
    }
}
