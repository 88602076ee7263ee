import Testing

@testable import SystemZeroCore

struct NaggingRuleTests {
    typealias S = PatternScreens
    let rule = NaggingRule()

    /// A "Go Premium" sheet that interrupts the feed.
    var upsell: UITree {
        S.tree(
            S.window([
                S.node(
                    .dialog, "Go Premium", S.box(0, 1200, 1080, 1140),
                    children: [
                        S.node(.heading, "Go Premium", S.box(40, 1240, 1000, 120)),
                        S.node(.button, "Start free trial", S.box(40, 1900, 1000, 160)),
                        S.node(.button, "Not now", S.box(40, 2100, 1000, 140)),
                    ])
            ]))
    }

    @Test func interstitialShownAgainInTheSessionIsRaised() throws {
        let history = ["feed", "upsell_premium", "feed", "upsell_premium", "feed"]
        let context = S.context(upsell, screen: "upsell_premium", reference: upsell, interstitial: true, history: history)
        let events = rule.evaluate(context)
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.rule == "nagging")
        #expect(event.severity == .warning)
        #expect(event.kind == .manipulative)
        #expect(event.screen == "upsell_premium")
        #expect(event.session == "s-1")
        #expect(event.evidence.map(\.path) == ["window"])
        #expect(event.evidence.first?.before == "shown 2 times before")
        #expect(event.message.contains("2 times"))
    }

    @Test func secondShowingIsEnough() {
        let events = rule.evaluate(S.context(upsell, screen: "upsell_premium", interstitial: true, history: ["upsell_premium", "feed"]))
        #expect(events.first?.evidence.first?.before == "shown once before")
    }

    @Test func firstShowingAndOrdinaryScreensAreNotNagging() {
        #expect(rule.evaluate(S.context(upsell, screen: "upsell_premium", interstitial: true, history: ["feed"])).isEmpty)
        #expect(rule.evaluate(S.context(upsell, screen: "feed", interstitial: false, history: ["feed", "feed"])).isEmpty)
        #expect(rule.evaluate(S.context(upsell, screen: nil, history: ["unknown"])).isEmpty)
    }
}
