@testable import SystemZeroCore

/// Realistic screens for the manipulative-pattern rule tests, built as an Android capture (1080×2340) and normalized
/// the way real captures are.
enum PatternScreens {
    static let viewport = Viewport(width: 1080, height: 2340)
    static let package = "com.example.driver:id/"

    /// A normalized tree of a capture of `root` on the test viewport.
    static func tree(_ root: UINode, session: String? = "s-1") -> UITree {
        Normalizer().normalize(Capture(app: "com.example.driver", session: session, source: "test", viewport: viewport, tree: root))
    }

    static func box(_ x: Double, _ y: Double, _ width: Double, _ height: Double) -> Bounds {
        Bounds(x: x, y: y, width: width, height: height)
    }

    /// A full-screen window holding `children`.
    static func window(_ children: [UINode]) -> UINode {
        UINode(role: .window, bounds: box(0, 0, 1080, 2340), children: children)
    }

    static func node(
        _ role: Role, _ name: String?, id: String? = nil, value: String? = nil, states: StateSet = [], _ bounds: Bounds? = nil,
        children: [UINode] = []
    ) -> UINode {
        UINode(role: role, name: name, value: value, id: id.map { package + $0 }, states: states, bounds: bounds, children: children)
    }

    // MARK: - Screens

    /// A delivery offer card: payout, restaurant, distance, map, an accept countdown, Accept and Decline.
    static func offerCard(
        payout: String? = "$7.50", restaurant: String = "Burger Palace", distance: String? = "2.4 mi · 14 min",
        decline: UINode? = node(.button, "Decline", id: "decline_button", box(60, 2160, 960, 140)), extra: [UINode] = []
    ) -> UINode {
        var card: [UINode] = []
        if let payout { card.append(node(.text, payout, id: "payout_amount", box(60, 1240, 500, 120))) }
        card.append(node(.text, restaurant, id: "restaurant_name", box(60, 1380, 960, 80)))
        card.append(node(.text, distance, id: "trip_distance", box(60, 1470, 960, 60)))
        card.append(node(.image, "Route map", id: "map", box(0, 1540, 1080, 400)))
        card.append(node(.timer, "0:15", id: "accept_timer", box(900, 1240, 120, 120)))
        card.append(contentsOf: extra)
        card.append(node(.button, "Accept", id: "accept_button", box(60, 1980, 960, 160)))
        if let decline { card.append(decline) }
        return window([node(.group, nil, id: "offer_card", box(0, 1200, 1080, 1140), children: card)])
    }

    /// A cookie consent dialog with its toggles and its two answers.
    static func consentDialog(
        marketing: StateSet = [.checkable], sharing: StateSet = [.checkable],
        reject: UINode = node(.button, "Reject all", id: "reject_all", box(80, 2170, 920, 130))
    ) -> UINode {
        window([
            node(.text, "News", box(0, 0, 1080, 1200)),
            node(
                .dialog, "Cookie consent", box(40, 1200, 1000, 1120),
                children: [
                    node(.heading, "We value your privacy", box(80, 1240, 920, 80)),
                    node(
                        .text, "We use cookies to run this site and, with your consent, to measure and personalise it.",
                        box(80, 1330, 920, 200)),
                    node(.checkbox, "Strictly necessary", states: [.checkable, .checked, .disabled], box(80, 1560, 920, 100)),
                    node(.checkbox, "Marketing cookies", states: marketing, box(80, 1680, 920, 100)),
                    node(.checkbox, "Share my data with partners", states: sharing, box(80, 1800, 920, 100)),
                    node(.button, "Accept all", id: "accept_all", box(80, 2000, 920, 150)),
                    reject,
                ]),
        ])
    }

    /// A checkout review: line items, a total, and Place order.
    static func checkout(items: [(String, String)] = [("Wireless earbuds", "$49.99")], total: String = "$49.99", extra: [UINode] = [])
        -> UINode
    {
        let rows = items.enumerated().map { offset, item in
            let y = 400 + Double(offset) * 140
            return node(
                .listitem, nil, box(0, y, 1080, 120),
                children: [node(.text, item.0, box(40, y + 10, 700, 100)), node(.text, item.1, box(800, y + 10, 240, 100))])
        }
        let totals = node(
            .group, nil, id: "totals", box(0, 1400, 1080, 140),
            children: [node(.text, "Total", box(40, 1410, 600, 100)), node(.text, total, id: "order_total", box(800, 1410, 240, 100))])
        let heading = node(.heading, "Review your order", box(40, 200, 1000, 120))
        let list = node(.list, nil, id: "line_items", box(0, 400, 1080, 800), children: rows)
        return window([heading, list] + extra + [totals, node(.button, "Place order", id: "place_order", box(40, 2100, 1000, 160))])
    }

    /// A subscription settings screen with a way to cancel.
    static func subscription(cancel: UINode? = node(.button, "Cancel subscription", id: "cancel_subscription", box(40, 1300, 1000, 140)))
        -> UINode
    {
        var children = [
            node(.heading, "Your subscription", box(40, 200, 1000, 120)),
            node(.text, "Premium · $12.99/month", id: "plan_price", box(40, 400, 1000, 100)),
            node(.text, "Renews on 12 May", box(40, 520, 1000, 80)),
            node(.button, "Change plan", id: "change_plan", box(40, 1100, 1000, 140)),
        ]
        if let cancel { children.append(cancel) }
        return window(children)
    }

    // MARK: - Contexts

    /// A rule context for `tree`, with a template for `screen` whose reference is `reference` and the diff the detector
    /// would make.
    static func context(
        _ tree: UITree, screen: String? = "offer_card", reference: UITree? = nil, prominence: [Template.Prominence] = [],
        interstitial: Bool = false, validTransitions: [String] = [], previous: UITree? = nil, previousScreen: String? = nil,
        history: [String] = [], session: String? = "s-1"
    ) -> RuleContext {
        let template = screen.map {
            Template(
                screenID: $0, prominence: prominence, validTransitions: validTransitions, interstitial: interstitial, reference: reference)
        }
        let diff = reference.map { TreeDiff(before: $0, after: tree) }
        return RuleContext(
            tree: tree, template: template, diff: diff, previous: previous, previousScreen: previousScreen, history: history,
            session: session)
    }

    /// Every built-in rule's events for a context.
    static func allEvents(_ context: RuleContext) -> [DriftEvent] {
        ManipulationRules.all.flatMap { $0.evaluate(context) }
    }
}
