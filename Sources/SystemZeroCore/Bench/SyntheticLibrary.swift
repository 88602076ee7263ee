/// Synthetic template libraries for matcher benchmarks: each template a distinct small app screen with its own ids and
/// names, built by ``TemplateBuilder`` as real templates are.
public enum SyntheticLibrary {
    /// The capture of screen number `index`: a header, a form of a few fields and two actions, ids unique to the screen.
    public static func capture(_ index: Int, variant: Int = 0) -> Capture {
        let prefix = "com.example.app\(index % 97):id/s\(index)_"
        var fields: [UINode] = []
        for field in 0..<(4 + index % 5) {
            let y = Double(300 + field * 160)
            fields.append(
                UINode(
                    role: .textbox, name: "Field \(field) of screen \(index)", value: variant > 0 ? "typed \(variant)" : nil,
                    id: prefix + "field\(field)",
                    bounds: Bounds(x: 40, y: y, width: 1000, height: 120)))
        }
        let root = UINode(
            role: .window, bounds: Bounds(x: 0, y: 0, width: 1080, height: 2340),
            children: [
                UINode(
                    role: .heading, name: "Screen \(index)", id: prefix + "title", bounds: Bounds(x: 40, y: 120, width: 1000, height: 100)),
                UINode(role: .group, id: prefix + "form", bounds: Bounds(x: 0, y: 280, width: 1080, height: 1400), children: fields),
                UINode(role: .button, name: "Continue", id: prefix + "continue", bounds: Bounds(x: 40, y: 1900, width: 1000, height: 140)),
                UINode(role: .button, name: "Cancel", id: prefix + "cancel", bounds: Bounds(x: 40, y: 2080, width: 1000, height: 140)),
            ])
        return Capture(app: "com.example.app\(index % 97)", viewport: Viewport(width: 1080, height: 2340), tree: root)
    }

    /// `count` templates, one per synthetic screen.
    public static func templates(_ count: Int) -> [Template] {
        let builder = TemplateBuilder()
        return (0..<count).map { builder.build([capture($0)], screenID: "screen_\($0)") }
    }
}
