/// Turns a capture into a ``UITree``: one stable shape for the same screen, however it was captured.
///
/// In order, for each node:
/// 1. **Noise**: nodes matched by a ``NoiseFilter`` are removed with their subtree.
/// 2. **Invisible**: hidden nodes, nodes of zero size, and nodes wholly outside the viewport are removed
///    with their subtree (nodes without bounds are kept: ARIA and AX trees carry none).
/// 3. **Transient**: the focus state and framework-generated ids (``GeneratedID``) are dropped, and
///    source bookkeeping attributes (`index`, `drawing-order`, `backend_dom_node_id`).
/// 4. **Whitespace**: names and values are trimmed and inner runs folded to one space; empty text is no text.
/// 5. **Name from content**: an unnamed button, link, menu item or tab takes the text of its descendants,
///    as WAI-ARIA's accessible-name computation does (Compose and Flutter put a button's label in a child).
/// 6. **Wrappers**: an unnamed, id-less container with exactly one child is replaced by the child; an unnamed,
///    id-less container with no children is removed. The root always stays.
/// Then the tree is flattened, each node classified (``NodeClassifier``) and fingerprinted.
public struct Normalizer: Sendable {
    public var noiseFilters: [NoiseFilter]
    public var classifier: NodeClassifier

    public init(noiseFilters: [NoiseFilter] = NoiseFilter.defaults, classifier: NodeClassifier = NodeClassifier()) {
        self.noiseFilters = noiseFilters
        self.classifier = classifier
    }

    static let transientAttributes: Set<String> = ["index", "drawing-order", "backend_dom_node_id"]

    /// The normalized tree of a capture.
    public func normalize(_ capture: Capture) -> UITree {
        var root = capture.tree
        root = cleaned(root)
        root.children = root.children.flatMap { normalize($0, viewport: capture.viewport?.bounds) }
        return UITree(capture: capture, root: root, classifier: classifier)
    }

    private func normalize(_ source: UINode, viewport: Bounds?) -> [UINode] {
        if noiseFilters.contains(where: { $0.matches(source) }) { return [] }
        if source.states.contains(.hidden) { return [] }
        if let bounds = source.bounds {
            if bounds.isEmpty { return [] }
            if let viewport, !viewport.isEmpty, !bounds.intersects(viewport) { return [] }
        }
        var node = cleaned(source)
        var children: [UINode] = []
        children.reserveCapacity(node.children.count)
        for child in node.children { children.append(contentsOf: normalize(child, viewport: viewport)) }
        node.children = children
        if node.role.isAction, node.name == nil { node.name = Self.nameFromContent(children) }
        if node.role.isContainer, node.name == nil, node.value == nil, node.id == nil {
            if children.isEmpty { return [] }
            if children.count == 1 { return children }
        }
        return [node]
    }

    /// The node's own fields cleaned; children untouched.
    private func cleaned(_ source: UINode) -> UINode {
        var node = source
        node.states.remove(.focused)
        node.name = Self.foldWhitespace(node.name)
        node.value = Self.foldWhitespace(node.value)
        if let id = node.id, id.isEmpty || GeneratedID.isGenerated(id) { node.id = nil }
        if !node.attributes.isEmpty {
            for key in Self.transientAttributes { node.attributes[key] = nil }
        }
        return node
    }

    /// The names of the text-bearing descendants, in order, joined by a space.
    static func nameFromContent(_ children: [UINode]) -> String? {
        var parts: [String] = []
        func collect(_ node: UINode) {
            if node.role == .text || node.role == .heading || node.role == .paragraph, let name = node.name { parts.append(name) }
            for child in node.children where parts.count < 8 { collect(child) }
        }
        for child in children { collect(child) }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Trims the text and folds inner whitespace runs to one space; `nil` when nothing is left.
    public static func foldWhitespace(_ text: String?) -> String? {
        guard let text else { return nil }
        var needsWork = false
        var previousSpace = true
        for byte in text.utf8 {
            if byte >= 0x80 {
                needsWork = true
                break
            }
            let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            if isSpace && (previousSpace || byte != 0x20) {
                needsWork = true
                break
            }
            previousSpace = isSpace
        }
        if !needsWork {
            if previousSpace { return text.isEmpty ? nil : String(text.dropLast()) }
            return text
        }
        let folded = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return folded.isEmpty ? nil : folded
    }
}
