import Testing

@testable import SystemZeroCore

struct SelectorTests {
    let tree = Normalizer().normalize(
        Capture(
            tree: UINode(
                role: .window,
                children: [
                    UINode(
                        role: .group, name: "offer", id: "com.doordash.driverapp:id/offer_card",
                        children: [
                            UINode(role: .text, name: "$7.50", id: "com.doordash.driverapp:id/payout_label"),
                            UINode(role: .button, name: "Accept", id: "com.doordash.driverapp:id/accept_button"),
                            UINode(role: .checkbox, name: "Add insurance", states: .checked),
                        ]),
                    UINode(role: .text, name: "Offer expires in 0:30"),
                    UINode(role: .button, name: "Accept all"),
                ])))

    func names(_ selector: String) throws -> [String?] {
        try NodeSelector(selector).select(in: tree).map { tree.nodes[$0].name }
    }

    @Test func selectorForms() throws {
        #expect(try names("#accept_button") == ["Accept"])
        #expect(try names("#com.doordash.driverapp:id/payout_label") == ["$7.50"])
        #expect(try names("button") == ["Accept", "Accept all"])
        #expect(try names("button[name=\"Accept\"]") == ["Accept"])
        #expect(try names("text[name~='(?i)offer EXPIRES']") == ["Offer expires in 0:30"])
        #expect(try names("[name^=\"$\"]") == ["$7.50"])
        #expect(try names("*[name*=\"insurance\"]") == ["Add insurance"])
        #expect(try names("checkbox[checked]") == ["Add insurance"])
        #expect(try names("group[name=\"offer\"] button") == ["Accept"])
        #expect(try names("window group button") == ["Accept"])
        #expect(try names("group button[name=\"Accept all\"]") == [])
    }

    @Test(arguments: [
        "", "buton", "button[", "button[name=Accept]", "button[name~=\"(\"]", "#", "button[colour=\"red\"]", "button[nope]", "button]",
    ])
    func badSelectorsAreErrors(_ text: String) {
        #expect(throws: SelectorError.self) { try NodeSelector(text) }
    }

    /// Selectors made from a screen's own text (template builds from captures) never trap, and their source parses back
    /// to the same selector, so a template written with them loads again.
    @Test(arguments: YAMLRoundTripTests.hostileTexts + ["\"\u{301}", "a\\\u{301}\"", "\\", "with space", "ok_id"])
    func selectorsFromAnyTextParseBack(_ text: String) throws {
        for made in [NodeSelector.id(text), NodeSelector.named(.button, text), NodeSelector.named(nil, text)] {
            let parsed = try NodeSelector(made.source)
            #expect(parsed.compounds == made.compounds, "\(made.source)")
        }
    }
}
