import Testing

@testable import SystemZeroCore

struct DemotedAlternativeRuleTests {
    typealias S = PatternScreens
    let rule = DemotedAlternativeRule()
    let prominence = [Template.Prominence(primary: .id("accept_button"), alternative: .id("decline_button"), maxRatio: 2)]

    var reference: UITree { S.tree(S.offerCard()) }

    @Test func declineTurnedIntoALinkIsRaised() throws {
        let tree = S.tree(S.offerCard(decline: S.node(.link, "Decline", id: "decline_button", S.box(60, 2160, 960, 140))))
        let events = rule.evaluate(S.context(tree, reference: reference, prominence: prominence))
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.rule == "demoted_alternative")
        #expect(event.kind == .manipulative)
        #expect(event.severity == .critical)
        #expect(event.screen == "offer_card")
        #expect(event.session == "s-1")
        #expect(event.evidence.first?.path == "window/group[offer_card]/link[decline_button]")
        #expect(event.evidence.first?.before == "button")
        #expect(event.evidence.first?.after == "link")
        #expect(event.evidence.last?.path == "window/group[offer_card]/button[accept_button]")
    }

    @Test func shrunkenDeclineExceedsTheTemplateRatio() throws {
        let tree = S.tree(S.offerCard(decline: S.node(.button, "Decline", id: "decline_button", S.box(780, 2200, 240, 80))))
        let events = rule.evaluate(S.context(tree, reference: reference, prominence: prominence))
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.evidence.first?.path == "window/group[offer_card]/button[decline_button]")
        #expect(event.evidence.first?.after == "19200 px²")
        #expect(event.message.contains("8×"))
    }

    @Test func goneDeclineIsRaisedWithTheReferencePath() throws {
        let tree = S.tree(S.offerCard(decline: nil))
        let events = rule.evaluate(S.context(tree, reference: reference, prominence: prominence))
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.message.contains("gone"))
        #expect(event.evidence.first?.path == "window/group[offer_card]/button[decline_button]")
        #expect(event.evidence.first?.before == "Decline")
    }

    @Test func declineMostlyBelowTheViewportIsOffScreen() throws {
        let tree = S.tree(S.offerCard(decline: S.node(.button, "Decline", id: "decline_button", S.box(60, 2300, 960, 140))))
        let events = rule.evaluate(S.context(tree, reference: reference, prominence: prominence))
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.message.contains("off-screen"))
        #expect(event.evidence.first?.after == "29% visible")
    }

    @Test func cleanOfferCardRaisesNothing() {
        #expect(rule.evaluate(S.context(S.tree(S.offerCard()), reference: reference, prominence: prominence)).isEmpty)
        #expect(rule.evaluate(S.context(S.tree(S.offerCard()), reference: reference)).isEmpty)
    }

    @Test func defaultCheckFlagsATinyRejectLinkOnAConsentDialog() throws {
        let tree = S.tree(S.consentDialog(reject: S.node(.link, "Reject all", id: "reject_all", S.box(700, 2200, 260, 50))))
        let events = rule.evaluate(S.context(tree, screen: nil))
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.screen == "unknown")
        #expect(event.evidence.first?.path == "window/dialog[Cookie consent]/link[reject_all]")
        #expect(event.evidence.last?.path == "window/dialog[Cookie consent]/button[accept_all]")
    }

    @Test func defaultCheckFlagsADeclineButtonAQuarterTheSize() throws {
        let tree = S.tree(S.offerCard(decline: S.node(.button, "Decline", id: "decline_button", S.box(840, 2200, 180, 100))))
        let events = rule.evaluate(S.context(tree))
        #expect(events.count == 1)
        #expect(events.first?.evidence.first?.path == "window/group[offer_card]/button[decline_button]")
    }

    @Test func defaultCheckLeavesBalancedChoicesAndToolbarBackAlone() {
        #expect(rule.evaluate(S.context(S.tree(S.consentDialog()), screen: nil)).isEmpty)
        // A small "Back" in the tool bar is navigation chrome, not the answer to the offer.
        let toolbar = S.node(.toolbar, "Offer", S.box(0, 0, 1080, 160), children: [S.node(.button, "Back", S.box(0, 0, 120, 120))])
        let tree = S.tree(S.window([toolbar, S.node(.button, "Accept", S.box(60, 1980, 960, 160))]))
        #expect(rule.evaluate(S.context(tree, screen: nil)).isEmpty)
    }
}
