import Testing

@testable import SystemZeroCore

struct InformationHidingRuleTests {
    typealias S = PatternScreens
    let rule = InformationHidingRule()
    var reference: UITree { S.tree(S.offerCard()) }

    @Test func removedPayoutIsRaisedAtItsReferencePath() throws {
        let tree = S.tree(S.offerCard(payout: nil))
        let events = rule.evaluate(S.context(tree, reference: reference))
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.rule == "information_hiding")
        #expect(event.severity == .critical)
        #expect(event.kind == .manipulative)
        #expect(event.screen == "offer_card")
        #expect(event.evidence.map(\.path) == ["window/group[offer_card]/text[payout_amount]"])
        #expect(event.evidence.first?.before == "$7.50")
        #expect(event.evidence.first?.after == nil)
    }

    @Test func payoutReplacedByAPlaceholderIsEmptied() throws {
        let tree = S.tree(S.offerCard(payout: "Tap to see payout"))
        let events = rule.evaluate(S.context(tree, reference: reference))
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.evidence.first?.path == "window/group[offer_card]/text[payout_amount]")
        #expect(event.evidence.first?.before == "$7.50")
        #expect(event.evidence.first?.after == "Tap to see payout")
    }

    @Test func emptiedDistanceIsRaised() throws {
        let tree = S.tree(S.offerCard(distance: "—"))
        let events = rule.evaluate(S.context(tree, reference: reference))
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.evidence.first?.path == "window/group[offer_card]/text[trip_distance]")
        #expect(event.evidence.first?.before == "2.4 mi · 14 min")
    }

    @Test func checkoutTotalRowRemovedIsOneEvent() throws {
        var capture = S.checkout()
        capture.children.remove(at: 2)
        let events = rule.evaluate(S.context(S.tree(capture), screen: "checkout_review", reference: S.tree(S.checkout())))
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.evidence.first?.path == "window/group[totals]")
        #expect(event.evidence.first?.text == "Total $49.99")
    }

    /// A masked restaurant name that changes, and a payout that changes value, hide nothing.
    @Test func changedMaskedTextIsNotHiding() {
        let tree = S.tree(S.offerCard(payout: "$9.10", restaurant: "Taco Town", distance: "3.1 mi · 18 min"))
        #expect(rule.evaluate(S.context(tree, reference: reference)).isEmpty)
        #expect(rule.evaluate(S.context(S.tree(S.offerCard()), reference: reference)).isEmpty)
        #expect(rule.evaluate(S.context(tree, reference: nil)).isEmpty)
    }

    @Test func removedRestaurantNameIsNotKeyInformation() {
        var card = S.offerCard()
        card.children[0].children.remove(at: 1)
        #expect(rule.evaluate(S.context(S.tree(card), reference: reference)).isEmpty)
    }
}
