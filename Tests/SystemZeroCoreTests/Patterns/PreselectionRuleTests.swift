import Testing

@testable import SystemZeroCore

struct PreselectionRuleTests {
    typealias S = PatternScreens
    let rule = PreselectionRule()

    @Test func marketingConsentCheckedAgainstTheBaselineIsRaised() throws {
        let reference = S.tree(S.consentDialog())
        let tree = S.tree(S.consentDialog(marketing: [.checkable, .checked]))
        let events = rule.evaluate(S.context(tree, screen: "cookie_consent", reference: reference))
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.rule == "preselection")
        #expect(event.severity == .warning)
        #expect(event.kind == .manipulative)
        #expect(event.screen == "cookie_consent")
        #expect(event.evidence.map(\.path) == ["window/dialog[Cookie consent]/checkbox[Marketing cookies]"])
        #expect(event.evidence.first?.before == "unchecked")
        #expect(event.evidence.first?.after == "checked")
    }

    @Test func withoutAReferenceEveryCheckedOptInIsRaised() {
        let tree = S.tree(S.consentDialog(marketing: [.checkable, .checked], sharing: [.checkable, .mixed]))
        let events = rule.evaluate(S.context(tree, screen: nil))
        #expect(
            events.map { $0.evidence.first?.path } == [
                "window/dialog[Cookie consent]/checkbox[Marketing cookies]",
                "window/dialog[Cookie consent]/checkbox[Share my data with partners]",
            ])
        #expect(events.last?.evidence.first?.after == "mixed")
        #expect(events.first?.evidence.first?.before == nil)
    }

    /// An Android check box without text, labelled by the text view beside it, adding a paid add-on.
    @Test func unlabelledSwitchTakesItsSiblingLabel() throws {
        let row = S.node(
            .group, nil, id: "protection_row", S.box(0, 1200, 1080, 140),
            children: [
                S.node(.text, "Add protection plan for $4.99", S.box(40, 1210, 800, 120)),
                S.node(.switch, nil, id: "protection_switch", states: [.checkable, .checked], S.box(900, 1220, 140, 100)),
            ])
        let tree = S.tree(S.checkout(extra: [row]))
        let events = rule.evaluate(S.context(tree, screen: "checkout_review", reference: S.tree(S.checkout())))
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.evidence.first?.path == "window/group[protection_row]/switch[protection_switch]")
        #expect(event.evidence.first?.text == "Add protection plan for $4.99")
        #expect(event.evidence.first?.before == "absent")
    }

    @Test func rememberMeAndNecessaryCookiesAreNotOptIns() {
        let login = S.tree(
            S.window([
                S.node(.textbox, "Email", S.box(40, 600, 1000, 140)),
                S.node(.textbox, "Password", states: [.password], S.box(40, 780, 1000, 140)),
                S.node(.checkbox, "Remember me", states: [.checkable, .checked], S.box(40, 960, 600, 100)),
                S.node(.checkbox, "Keep me signed in", states: [.checkable, .checked], S.box(40, 1080, 600, 100)),
                S.node(.button, "Sign in", S.box(40, 1300, 1000, 160)),
            ]))
        #expect(rule.evaluate(S.context(login, screen: nil)).isEmpty)
        // The consent dialog as designed: only "Strictly necessary" is checked.
        #expect(rule.evaluate(S.context(S.tree(S.consentDialog()), screen: nil)).isEmpty)
    }

    @Test func optInAlreadyCheckedInTheBaselineIsNotDrift() {
        let reference = S.tree(S.consentDialog(marketing: [.checkable, .checked]))
        let tree = S.tree(S.consentDialog(marketing: [.checkable, .checked]))
        #expect(rule.evaluate(S.context(tree, screen: "cookie_consent", reference: reference)).isEmpty)
    }

    @Test func optInTheUserCheckedOnThePreviousCaptureIsNotPreselection() {
        let previous = S.tree(S.consentDialog())
        let tree = S.tree(S.consentDialog(marketing: [.checkable, .checked]))
        let context = S.context(tree, screen: "cookie_consent", previous: previous, previousScreen: "cookie_consent")
        #expect(rule.evaluate(context).isEmpty)
    }
}
