import Testing

@testable import SystemZeroCore

struct ObstructionRuleTests {
    typealias S = PatternScreens
    let rule = ObstructionRule()
    var reference: UITree { S.tree(S.subscription()) }

    @Test func cancelButtonReplacedByManageIsRaised() throws {
        let tree = S.tree(S.subscription(cancel: S.node(.button, "Manage", id: "manage_subscription", S.box(40, 1300, 1000, 140))))
        let events = rule.evaluate(S.context(tree, screen: "subscription_settings", reference: reference))
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.rule == "obstruction")
        #expect(event.severity == .critical)
        #expect(event.kind == .manipulative)
        #expect(event.screen == "subscription_settings")
        // A control with another id is another control: the cancel button is gone, not renamed.
        #expect(event.evidence.map(\.path) == ["window/button[cancel_subscription]"])
        #expect(event.evidence.first?.before == "Cancel subscription")
        #expect(event.message.contains("is gone"))
    }

    @Test func disabledCancelIsRaised() throws {
        let tree = S.tree(
            S.subscription(
                cancel: S.node(.button, "Cancel subscription", id: "cancel_subscription", states: [.disabled], S.box(40, 1300, 1000, 140))))
        let events = rule.evaluate(S.context(tree, screen: "subscription_settings", reference: reference))
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.evidence.first?.path == "window/button[cancel_subscription]")
        #expect(event.evidence.first?.after == "disabled")
    }

    @Test func removedCancelIsRaisedAtTheReferencePath() throws {
        let tree = S.tree(S.subscription(cancel: nil))
        let events = rule.evaluate(S.context(tree, screen: "subscription_settings", reference: reference))
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.message.contains("gone"))
        #expect(event.evidence.first?.path == "window/button[cancel_subscription]")
    }

    @Test func withoutAReferenceAnExitTransitionWithNoControlIsRaised() throws {
        let tree = S.tree(S.subscription(cancel: nil))
        let context = S.context(tree, screen: "subscription_settings", validTransitions: ["change_plan", "cancel_confirm"])
        let events = rule.evaluate(context)
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.evidence.first?.path == "window")
        #expect(event.evidence.first?.text == "cancel_confirm")
        let withControl = S.context(reference, screen: "subscription_settings", validTransitions: ["change_plan", "cancel_confirm"])
        #expect(rule.evaluate(withControl).isEmpty)
    }

    @Test func renamedButStillACancelIsNotObstruction() {
        let tree = S.tree(
            S.subscription(cancel: S.node(.link, "Cancel membership", id: "cancel_membership", S.box(40, 1300, 1000, 100))))
        #expect(rule.evaluate(S.context(tree, screen: "subscription_settings", reference: reference)).isEmpty)
        #expect(rule.evaluate(S.context(reference, screen: "subscription_settings", reference: reference)).isEmpty)
    }

    /// The offer card's Decline gone while a Close stays: the user can still say no.
    @Test func anotherDeclineKeepsTheWayOut() {
        let offer = S.tree(S.offerCard(decline: S.node(.button, "Close", id: "close_button", S.box(940, 1210, 100, 100))))
        #expect(rule.evaluate(S.context(offer, reference: S.tree(S.offerCard()))).isEmpty)
        let events = rule.evaluate(S.context(S.tree(S.offerCard(decline: nil)), reference: S.tree(S.offerCard())))
        #expect(events.map { $0.evidence.first?.path } == ["window/group[offer_card]/button[decline_button]"])
    }
}
