import SystemZeroCore

/// A capture's normalized tree, ready to draw.
struct ScreenModel {
    let tree: UITree
    /// The area drawn (the viewport, else the root's bounds, else all bounds together); `nil` when no node has bounds.
    let frame: Bounds?

    init(capture: Capture) {
        tree = UITree(capture: capture, root: capture.tree)
        frame = Self.frame(of: tree)
    }

    static func frame(of tree: UITree) -> Bounds? {
        let all = tree.nodes.compactMap(\.bounds).filter { !$0.isEmpty }
        guard !all.isEmpty else { return nil }
        if let viewport = tree.viewport, viewport.width > 0, viewport.height > 0 { return viewport.bounds }
        if let root = tree.nodes.first?.bounds, !root.isEmpty { return root }
        let minX = all.map(\.x).min() ?? 0
        let minY = all.map(\.y).min() ?? 0
        let maxX = all.map { $0.x + $0.width }.max() ?? 1
        let maxY = all.map { $0.y + $0.height }.max() ?? 1
        return Bounds(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    /// The nodes an evidence path names: a tree path such as `window[Offer]/button[accept]`, or a `#id` selector.
    func nodes(named path: String) -> [Int] {
        if path.hasPrefix("#") {
            let id = path.dropFirst()
            guard !id.isEmpty else { return [] }
            return tree.nodes.indices.filter { index in
                guard let nodeID = tree.nodes[index].id else { return false }
                return nodeID == id || nodeID.hasSuffix(":id/" + id)
            }
        }
        // Paths never hold "/" inside a step (names have it replaced), so the step count is the depth.
        let steps = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let last = steps.last, !last.isEmpty else { return [] }
        let role = last.prefix { $0 != "[" && $0 != "#" }
        let depth = steps.count - 1
        return tree.nodes.indices.filter { index in
            let node = tree.nodes[index]
            return node.depth == depth && node.role.rawValue == role && tree.path(of: index) == path
        }
    }
}

/// Draws a screen: an inline SVG of the nodes' rectangles, or a text outline when the capture has no bounds.
enum ScreenPicture {
    /// The widest picture, in CSS pixels.
    static let maxWidth = 270.0
    /// The tallest picture, in CSS pixels.
    static let maxHeight = 600.0
    /// The most rectangles drawn (evidence nodes are always drawn).
    static let maxRects = 3_000
    /// The most outline lines written.
    static let maxOutlineLines = 400
    /// The deepest indentation the outline shows (a class a level in ``HTMLReport/stylesheet``).
    static let maxOutlineIndent = 40

    /// Appends the figure for a drift event: the screen with the evidence nodes outlined in red.
    static func append(_ screen: ScreenModel, evidencePaths: [String], captureSeq: UInt64, to buffer: inout ExportBuffer) {
        var hits = Set<Int>()
        var missing: [String] = []
        for path in evidencePaths {
            let found = screen.nodes(named: path)
            if found.isEmpty {
                if !missing.contains(path) { missing.append(path) }
            } else {
                hits.formUnion(found)
            }
        }
        buffer.append("<figure class=\"screen\">")
        if let frame = screen.frame {
            appendSVG(screen.tree, frame: frame, hits: hits, captureSeq: captureSeq, to: &buffer)
        } else {
            appendOutline(screen.tree, hits: hits, to: &buffer)
        }
        buffer.append("<figcaption>Capture entry \(captureSeq)")
        if let app = screen.tree.app {
            buffer.append(" · ")
            buffer.appendEscaped(app)
        }
        if let frame = screen.frame {
            buffer.append(" · \(number(frame.width))×\(number(frame.height))")
        } else {
            buffer.append(" · no bounds: text outline")
        }
        buffer.append(" · \(screen.tree.count) nodes</figcaption>")
        if !missing.isEmpty {
            buffer.append("<p class=\"note\">Not on this screen (gone, or named by a selector): ")
            for (index, path) in missing.prefix(10).enumerated() {
                if index > 0 { buffer.append(", ") }
                buffer.append("<code>")
                buffer.appendEscaped(path)
                buffer.append("</code>")
            }
            if missing.count > 10 { buffer.append(" and \(missing.count - 10) more") }
            buffer.append("</p>")
        }
        buffer.append("</figure>\n")
    }

    static func appendSVG(_ tree: UITree, frame: Bounds, hits: Set<Int>, captureSeq: UInt64, to buffer: inout ExportBuffer) {
        let scale = min(maxWidth / frame.width, maxHeight / frame.height)
        let width = frame.width * scale
        let height = frame.height * scale
        buffer.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"shot\" width=\"\(number(width))\" height=\"\(number(height))\" "
                + "viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-label=\"Screen of capture entry \(captureSeq)\">")
        buffer.append("<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(number(width))\" height=\"\(number(height))\"/>")
        func scaled(_ bounds: Bounds) -> (x: Double, y: Double, width: Double, height: Double) {
            ((bounds.x - frame.x) * scale, (bounds.y - frame.y) * scale, bounds.width * scale, bounds.height * scale)
        }
        var drawn = 0
        for (index, node) in tree.nodes.enumerated() {
            guard let bounds = node.bounds, !bounds.isEmpty, bounds.intersects(frame), drawn < maxRects else { continue }
            let rect = scaled(bounds)
            guard rect.width >= 0.5 || rect.height >= 0.5 else { continue }
            drawn += 1
            buffer.append(
                "<rect class=\"\(cssClass(node.role))\" x=\"\(number(rect.x))\" y=\"\(number(rect.y))\" "
                    + "width=\"\(number(rect.width))\" height=\"\(number(rect.height))\"><title>")
            buffer.append(node.role.rawValue)
            if let label = node.name ?? node.value {
                buffer.append(": ")
                buffer.appendEscaped(label)
            }
            buffer.append("</title></rect>")
            let isLeaf = node.end == index + 1
            if let label = node.name ?? node.value, !label.isEmpty, isLeaf || node.role.isAction || node.role.isInput,
                rect.height >= 7, rect.width >= 12
            {
                let fontSize = min(10, rect.height * 0.7)
                let fits = Int((rect.width - 3) / (fontSize * 0.55))
                guard fits >= 2 else { continue }
                let text = label.count > fits ? String(label.prefix(fits - 1)) + "…" : label
                buffer.append(
                    "<text x=\"\(number(rect.x + 2))\" y=\"\(number(rect.y + rect.height / 2))\" font-size=\"\(number(fontSize))\" "
                        + "dominant-baseline=\"central\">")
                buffer.appendEscaped(text)
                buffer.append("</text>")
            }
        }
        // Evidence nodes last, so the red outlines sit on top.
        for index in hits.sorted() {
            guard let bounds = tree.nodes[index].bounds else { continue }
            let rect = scaled(bounds)
            buffer.append(
                "<rect class=\"hit\" fill=\"none\" stroke=\"#d00\" stroke-width=\"2\" x=\"\(number(rect.x))\" y=\"\(number(rect.y))\" "
                    + "width=\"\(number(max(rect.width, 2)))\" height=\"\(number(max(rect.height, 2)))\"><title>evidence: ")
            buffer.appendEscaped(tree.path(of: index))
            buffer.append("</title></rect>")
        }
        buffer.append("</svg>")
    }

    static func appendOutline(_ tree: UITree, hits: Set<Int>, to buffer: inout ExportBuffer) {
        buffer.append("<div class=\"outline\">")
        for (index, node) in tree.nodes.prefix(maxOutlineLines).enumerated() {
            let hit = hits.contains(index)
            buffer.append("<div class=\"o d\(min(node.depth, maxOutlineIndent))\(hit ? " hit" : "")\">")
            buffer.append(node.role.rawValue)
            if let name = node.name {
                buffer.append(" <q>")
                buffer.appendEscaped(name)
                buffer.append("</q>")
            }
            if let value = node.value {
                buffer.append(" = ")
                buffer.appendEscaped(value)
            }
            buffer.append("</div>")
        }
        if tree.count > maxOutlineLines { buffer.append("<div class=\"o more\">… \(tree.count - maxOutlineLines) more nodes</div>") }
        buffer.append("</div>")
    }

    /// The CSS class of a node's rectangle: actions, links and inputs are drawn differently.
    static func cssClass(_ role: Role) -> String {
        if role == .link { return "lnk" }
        if role.isAction { return "act" }
        if role.isInput { return "inp" }
        switch role {
        case .text, .heading, .paragraph, .image, .figure: return "txt"
        default: return "box"
        }
    }

    /// A coordinate with at most one decimal.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(rounded)
    }
}
