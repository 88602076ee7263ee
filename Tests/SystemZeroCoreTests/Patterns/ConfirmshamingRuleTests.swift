import Testing

@testable import SystemZeroCore

struct ConfirmshamingRuleTests {
    typealias S = PatternScreens
    let rule = ConfirmshamingRule()

    /// A newsletter pop-up offering a discount code, declined by `decline`.
    func popup(_ decline: UINode) -> UITree {
        S.tree(
            S.window([
                S.node(
                    .dialog, "Get 10% off your first order", S.box(60, 700, 960, 1000),
                    children: [
                        S.node(.heading, "Get 10% off your first order", S.box(100, 740, 880, 120)),
                        S.node(.textbox, "Email address", S.box(100, 900, 880, 140)),
                        S.node(.button, "Yes, send me my code", id: "claim_code", S.box(100, 1100, 880, 160)),
                        decline,
                    ])
            ]))
    }

    @Test func shamingDeclineLinkIsRaised() throws {
        let tree = popup(S.node(.link, "No thanks, I prefer paying full price", id: "decline_offer", S.box(100, 1300, 880, 80)))
        let events = rule.evaluate(S.context(tree, screen: "newsletter_popup"))
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.rule == "confirmshaming")
        #expect(event.severity == .warning)
        #expect(event.kind == .manipulative)
        #expect(event.screen == "newsletter_popup")
        #expect(event.evidence.map(\.path) == ["window/dialog[Get 10% off your first order]/link[decline_offer]"])
        #expect(event.evidence.first?.text == "No thanks, I prefer paying full price")
    }

    @Test(arguments: [
        "No thanks, I don't like saving money",
        "No, I don’t want to save 20%",
        "I'll stay uninformed",
        "I hate free stuff",
        "No, I'd rather pay more",
        "Nah, leave me unprotected",
        "I don't care about my privacy",
    ])
    func shamingLabelsAreRaised(_ label: String) {
        let tree = popup(S.node(.button, label, S.box(100, 1300, 880, 80)))
        #expect(rule.evaluate(S.context(tree, screen: "newsletter_popup")).count == 1)
    }

    /// A button whose label sits in a text child: one event, on the button.
    @Test func buttonNamedFromItsTextIsRaisedOnce() {
        let button = S.node(
            .button, nil, S.box(100, 1300, 880, 80), children: [S.node(.text, "No, I don't want the discount", S.box(120, 1310, 840, 60))])
        let events = rule.evaluate(S.context(popup(button), screen: "newsletter_popup"))
        #expect(events.count == 1)
        #expect(events.first?.evidence.first?.path == "window/dialog[Get 10% off your first order]/button[No, I don't want the discount]")
    }

    @Test(arguments: ["No thanks", "Not now", "Cancel", "Maybe later", "No, I don't want notifications", "Skip for now"])
    func plainDeclinesAreNotShaming(_ label: String) {
        let tree = popup(S.node(.button, label, S.box(100, 1300, 880, 80)))
        #expect(rule.evaluate(S.context(tree, screen: "newsletter_popup")).isEmpty)
    }

    @Test func cleanOfferCardRaisesNothing() {
        #expect(rule.evaluate(S.context(S.tree(S.offerCard()))).isEmpty)
    }
}
