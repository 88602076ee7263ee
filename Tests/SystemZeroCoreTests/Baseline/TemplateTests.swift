import Foundation
import Testing

@testable import SystemZeroCore

struct TemplateTests {
    func load(_ yaml: String) throws(TemplateError) -> Template {
        try TemplateLoader().load(Array(yaml.utf8), file: "t.yaml")
    }

    func offer(payout: String = "$7.50", restaurant: String = "Pizza Palace", declineRole: Role = .button) -> Capture {
        Capture(
            app: "com.doordash.driverapp", viewport: Viewport(width: 1080, height: 2340),
            tree: UINode(
                role: .window, name: "Offer", bounds: Bounds(x: 0, y: 0, width: 1080, height: 2340),
                children: [
                    UINode(role: .text, name: payout, id: "a:id/payout_label", bounds: Bounds(x: 60, y: 1040, width: 600, height: 140)),
                    UINode(
                        role: .text, name: restaurant, id: "a:id/restaurant_name", bounds: Bounds(x: 60, y: 1700, width: 960, height: 70)),
                    UINode(
                        role: .button, name: "Accept", id: "a:id/accept_button", bounds: Bounds(x: 60, y: 1900, width: 960, height: 160)),
                    UINode(
                        role: declineRole, name: "Decline", id: "a:id/decline_button",
                        bounds: Bounds(x: 60, y: 2100, width: 960, height: 160)),
                ]))
    }

    @Test func currentFormLoads() throws {
        let template = try load(
            """
            screen_id: doordash_offer_card
            app: com.doordash.driverapp
            version: 3
            required: ["#payout_label", "#accept_button", "#decline_button"]
            forbidden: ["timer", "text[name~='(?i)offer expires']"]
            masks: ["#restaurant_name"]
            prominence: [{primary: "#accept_button", alternative: "#decline_button", max_ratio: 2.0}]
            valid_transitions: [doordash_confirmation, doordash_home]
            """)
        #expect(template.screenID == "doordash_offer_card")
        #expect(template.version == 3)
        #expect(template.required.map(\.source) == ["#payout_label", "#accept_button", "#decline_button"])
        #expect(template.forbidden.count == 2)
        #expect(template.prominence.first?.maxRatio == 2.0)
        #expect(template.validTransitions == ["doordash_confirmation", "doordash_home"])
    }

    @Test func seedFormLoads() throws {
        let template = try load(
            """
            screen_id: login_form
            required_nodes: [Username, Password, Sign in]
            structure_signature: abc123
            full_signature: def456
            valid_transitions: [home]
            """)
        #expect(template.required.map(\.source) == ["[name=\"Username\"]", "[name=\"Password\"]", "[name=\"Sign in\"]"])
        #expect(template.structureSignature == "abc123")
        #expect(template.contentSignature == "def456")
    }

    @Test func errorsNameFileLineAndField() {
        #expect(throws: TemplateError(file: "t.yaml", line: 2, field: "colour", message: "unknown key")) {
            try load("screen_id: a\ncolour: red\n")
        }
        #expect(
            throws: TemplateError(
                file: "t.yaml", line: 2, field: "required", message: "selector \"buton\": unknown role \"buton\" at character 6")
        ) {
            try load("screen_id: a\nrequired: [buton]\n")
        }
        do {
            _ = try load("screen_id: a\nmasks:\n  - \"#ok\"\n  - \"text[name~='(']\"\n")
            Issue.record("a bad regex loaded")
        } catch {
            #expect(error.line == 4)
            #expect(error.field == "masks")
            #expect(error.message.contains("invalid regular expression"))
        }
        #expect(throws: TemplateError.self) { try load("app: x\n") }
        #expect(throws: TemplateError.self) { try load("screen_id: a\nversion: zero\n") }
        #expect(throws: TemplateError.self) { try load("screen_id: a\nreference: &r {role: window}\n") }
    }

    @Test func builderIsDeterministicAndRoundTrips() throws {
        let captures = [offer(), offer(payout: "$9.25", restaurant: "Taco Town")]
        let first = TemplateWriter.yaml(TemplateBuilder().build(captures, screenID: "offer"))
        let second = TemplateWriter.yaml(TemplateBuilder().build(captures, screenID: "offer"))
        #expect(first == second)
        let template = try load(first)
        #expect(template.required.map(\.source) == ["#payout_label", "#restaurant_name", "#accept_button", "#decline_button"])
        #expect(template.masks.map(\.source) == ["#payout_label", "#restaurant_name"])
        #expect(template.reference?.nodes[1].name == "*")
        #expect(template.prominence.first?.maxRatio == 2)
        #expect(TemplateWriter.yaml(template) == first)
    }

    @Test func matcherPrefersTheSpecificTemplateAndFlagsUnknownScreens() throws {
        let offerTemplate = TemplateBuilder().build([offer(), offer(payout: "$1")], screenID: "offer")
        let login = TemplateBuilder().build(
            [
                Capture(
                    tree: UINode(
                        role: .window,
                        children: [
                            UINode(role: .textbox, name: "Username", id: "user"), UINode(role: .textbox, name: "Password", id: "pass"),
                            UINode(role: .button, name: "Sign in", id: "sign_in"),
                        ]))
            ], screenID: "login")
        let weather = Capture(
            tree: UINode(role: .window, children: [UINode(role: .heading, name: "Weather"), UINode(role: .text, name: "Sunny")]))
        var catchAll = TemplateBuilder().build([weather], screenID: "system_default")
        catchAll.required = []
        let pipeline = DriftPipeline(library: TemplateLibrary(templates: [catchAll, login, offerTemplate]))
        var session = SessionState()
        let result = pipeline.process(offer(payout: "$3"), session: &session)
        #expect(result.match.screen == "offer")
        #expect(result.events.isEmpty)
        let unrelated = Capture(
            tree: UINode(role: .window, children: [UINode(role: .heading, name: "Weather"), UINode(role: .text, name: "Sunny")]))
        let other = pipeline.process(unrelated, session: &session)
        #expect(other.match.screen == "system_default")
        let strict = DriftPipeline(library: TemplateLibrary(templates: [login, offerTemplate]))
        let unknown = strict.process(unrelated, session: &session)
        #expect(unknown.match.screen == "unknown")
        #expect(unknown.events.map(\.rule) == ["unknown_screen"])
    }

    @Test func requiredMissingAndForbiddenPresent() throws {
        var template = TemplateBuilder().build([offer(), offer(payout: "$1")], screenID: "offer")
        template.forbidden = [try NodeSelector("timer")]
        let pipeline = DriftPipeline(library: TemplateLibrary(templates: [template]))
        var capture = offer()
        capture.tree.children.remove(at: 0)
        capture.tree.children.append(UINode(role: .timer, name: "0:30"))
        var session = SessionState()
        let events = pipeline.process(capture, session: &session).events
        #expect(events.contains { $0.rule == "required_missing" && $0.severity == .critical && $0.evidence.first?.path == "#payout_label" })
        #expect(events.contains { $0.rule == "forbidden_present" && $0.evidence.first?.path == "window[Offer]/timer[0:30]" })
    }

    @Test func sessionHistoryIsBoundedAndKeepsTheNewestScreens() throws {
        let capture = Capture(tree: UINode(role: .window, children: [UINode(role: .heading, name: "Home", id: "home")]))
        let home = TemplateBuilder().build([capture], screenID: "home")
        let pipeline = DriftPipeline(library: TemplateLibrary(templates: [home]))
        let tree = pipeline.normalizer.normalize(capture)
        let match = pipeline.matcher.match(tree)
        var session = SessionState(id: "endless")
        for _ in 0..<(SessionState.historyLimit + 500) { session.record(tree, match: match) }
        #expect(session.screens.count == SessionState.historyLimit)
        #expect(session.templates.count == 1)
        #expect(session.templates.last??.screenID == "home")
        #expect(session.trees.count == 1)
        // The checks that read the history still work at the bound.
        #expect(pipeline.process(capture, session: &session).events.isEmpty)
        #expect(session.screens.count == SessionState.historyLimit)
    }

    @Test func sequenceRules() throws {
        func screen(_ id: String, to: [String]) -> (Template, Capture) {
            let capture = Capture(
                tree: UINode(
                    role: .window, children: [UINode(role: .heading, name: id, id: id), UINode(role: .button, name: "Go", id: "go_\(id)")]))
            var template = TemplateBuilder().build([capture], screenID: id)
            template.validTransitions = to
            return (template, capture)
        }
        let (a, captureA) = screen("a", to: ["b"])
        let (b, captureB) = screen("b", to: ["a"])
        let (c, captureC) = screen("c", to: [])
        let pipeline = DriftPipeline(library: TemplateLibrary(templates: [a, b, c]))
        var session = SessionState(id: "s1")
        #expect(pipeline.process(captureA, session: &session).events.isEmpty)
        let skip = pipeline.process(captureC, session: &session).events
        #expect(skip.map(\.rule) == ["invalid_transition"])
        #expect(skip.first?.session == "s1")
        var loop = SessionState()
        for capture in [captureA, captureB, captureA] { _ = pipeline.process(capture, session: &loop) }
        #expect(pipeline.process(captureB, session: &loop).events.map(\.rule) == ["loop"])
    }
}
