import Testing

@testable import SystemZeroCore

struct FalseUrgencyRuleTests {
    typealias S = PatternScreens
    let rule = FalseUrgencyRule()

    func productPage(_ extra: [UINode] = []) -> UINode {
        S.window(
            [
                S.node(.image, "Trail running shoes", S.box(0, 160, 1080, 900)),
                S.node(.heading, "Trail running shoes", S.box(40, 1100, 1000, 100)),
                S.node(.text, "$89.00", id: "price", S.box(40, 1220, 400, 90)),
                S.node(.text, "Arrives in 2 days", S.box(40, 1320, 1000, 80)),
            ] + extra + [S.node(.button, "Add to cart", id: "add_to_cart", S.box(40, 2100, 1000, 160))])
    }

    @Test func countdownBesideOfferExpiresIsOneEvent() throws {
        let banner = S.node(
            .group, nil, id: "promo_banner", S.box(0, 1420, 1080, 120),
            children: [
                S.node(.text, "Offer expires in", S.box(40, 1430, 600, 100)),
                S.node(.text, "04:59", S.box(700, 1430, 300, 100)),
            ])
        let reference = S.tree(productPage())
        let tree = S.tree(productPage([banner]))
        let events = rule.evaluate(S.context(tree, screen: "product", reference: reference))
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.rule == "false_urgency")
        #expect(event.severity == .warning)
        #expect(event.kind == .manipulative)
        #expect(
            event.evidence.map(\.path) == ["window/group[promo_banner]/text[Offer expires in]", "window/group[promo_banner]/text[04:59]"])
        #expect(event.evidence.map(\.after) == ["countdown", "countdown"])
        #expect(event.message.contains("baseline"))
    }

    @Test func scarcityAndActivityWithoutATemplateAreRaised() {
        let tree = S.tree(
            productPage([
                S.node(.text, "Only 2 left in stock", S.box(40, 1420, 1000, 80)),
                S.node(.status, "14 people are viewing this right now", S.box(40, 1520, 1000, 80)),
            ]))
        let events = rule.evaluate(S.context(tree, screen: nil))
        #expect(events.count == 1)
        #expect(events.first?.screen == "unknown")
        #expect(events.first?.evidence.map(\.after) == ["scarcity", "activity"])
        #expect(events.first?.evidence.first?.path == "window/text[Only 2 left in stock]")
    }

    @Test(arguments: ["Limited time deal", "Hurry! Sale ends soon", "Selling fast", "In 9 carts"])
    func urgencyPhrasesAreRaised(_ text: String) {
        let tree = S.tree(productPage([S.node(.text, text, S.box(40, 1420, 1000, 80))]))
        #expect(rule.evaluate(S.context(tree, screen: "product", reference: S.tree(productPage()))).count == 1)
    }

    /// The gig offer's accept countdown is part of the baseline: not raised, even with a new value.
    @Test func countdownPresentInTheReferenceIsNotRaised() {
        let reference = S.tree(S.offerCard())
        var card = S.offerCard()
        card.children[0].children[4].name = "0:09"
        #expect(rule.evaluate(S.context(S.tree(card), reference: reference)).isEmpty)
    }

    @Test func etasAndClockTimesAreNotUrgency() {
        let tree = S.tree(
            productPage([
                S.node(.text, "Pickup at 12:45 PM", S.box(40, 1420, 1000, 80)),
                S.node(.text, "Delivery in 12 min", S.box(40, 1520, 1000, 80)),
                S.node(.text, "Trip time 0:25", S.box(40, 1620, 1000, 80)),
            ]))
        #expect(rule.evaluate(S.context(tree, screen: nil)).isEmpty)
    }
}
