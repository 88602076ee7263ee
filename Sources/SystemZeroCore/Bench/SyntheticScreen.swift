/// Realistic synthetic screens of any size, for benchmarks and load tests: a window with a header, a list of
/// cards (image, title, price, a row of buttons) and a footer, with Android-like bounds.
public enum SyntheticScreen {
    /// A capture with about `nodes` nodes. `variant` changes a few names and the order of two cards, as a
    /// later capture of the same screen would.
    public static func capture(nodes: Int, variant: Int = 0) -> Capture {
        var cards: [UINode] = []
        let perCard = 7
        let count = max(1, (nodes - 6) / perCard)
        for index in 0..<count {
            let step = 2000.0 / Double(count)
            let y = 200 + Double(index) * step
            let price = variant > 0 && index % 17 == 3 ? "$\(index + variant).49" : "$\(index).99"
            cards.append(
                UINode(
                    role: .group, id: "card_\(index)", bounds: Bounds(x: 0, y: y, width: 1080, height: step),
                    children: [
                        UINode(role: .image, name: "Item photo \(index)", bounds: Bounds(x: 24, y: y, width: 200, height: step / 2)),
                        UINode(role: .text, name: "Item \(index)", id: "title", bounds: Bounds(x: 250, y: y, width: 600, height: step / 4)),
                        UINode(
                            role: .text, name: price, id: "price", bounds: Bounds(x: 250, y: y + step / 4, width: 300, height: step / 4)),
                        UINode(
                            role: .group, bounds: Bounds(x: 250, y: y + step / 2, width: 800, height: step / 2),
                            children: [
                                UINode(
                                    role: .button, name: "Add", id: "add", states: [.clickable, .focusable],
                                    bounds: Bounds(x: 250, y: y + step / 2, width: 300, height: step / 2)),
                                UINode(
                                    role: .button, name: "Details", id: "details", states: [.clickable],
                                    bounds: Bounds(x: 600, y: y + step / 2, width: 300, height: step / 2)),
                            ]),
                    ]))
        }
        if variant > 0, cards.count > 3 { cards.swapAt(1, 2) }
        let root = UINode(
            role: .window, bounds: Bounds(x: 0, y: 0, width: 1080, height: 2340),
            children: [
                UINode(role: .heading, name: "Menu", bounds: Bounds(x: 0, y: 80, width: 1080, height: 100)),
                UINode(role: .list, id: "items", bounds: Bounds(x: 0, y: 200, width: 1080, height: 2000), children: cards),
                UINode(
                    role: .navigation, bounds: Bounds(x: 0, y: 2200, width: 1080, height: 140),
                    children: [
                        UINode(role: .tab, name: "Home", states: .selected, bounds: Bounds(x: 0, y: 2200, width: 540, height: 140)),
                        UINode(role: .tab, name: "Orders", bounds: Bounds(x: 540, y: 2200, width: 540, height: 140)),
                    ]),
            ])
        return Capture(
            app: "com.example.menu", session: "bench", capturedAt: "2026-11-26T20:00:00Z", source: "synthetic",
            viewport: Viewport(width: 1080, height: 2340), tree: root)
    }
}
