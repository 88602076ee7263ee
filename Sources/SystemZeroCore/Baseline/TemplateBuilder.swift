/// Makes a template from one or more captures of the same screen.
///
/// - **Required**: nodes present in every capture — by id where they have one, otherwise actions and headings by role
///   and name — become required selectors (`#id`, `button[name="Accept"]`).
/// - **Masks**: ids whose name or value differs between captures become masks (`#id`); for an id that repeats (list
///   rows), any occurrence that differs, or a different number of occurrences, masks it.
/// - **Reference**: the first capture's normalized tree, with masked text replaced by `*`.
/// - **Prominence**: when the screen has exactly one primary and one secondary action with ids, a prominence entry
///   with the captured area ratio as the limit (at least 2).
/// The same captures give the same template, byte for byte, when written with ``TemplateWriter``.
public struct TemplateBuilder: Sendable {
    public var normalizer: Normalizer

    public init(normalizer: Normalizer = Normalizer()) {
        self.normalizer = normalizer
    }

    public func build(_ captures: [Capture], screenID: String, app: String? = nil, version: Int = 1) -> Template {
        let trees = captures.map(normalizer.normalize)
        guard let first = trees.first else { return Template(screenID: screenID, app: app, version: version) }
        var required: [NodeSelector] = []
        var masks: [NodeSelector] = []
        var seen = Set<String>()
        let occurrences = trees.map { tree in
            Dictionary(grouping: tree.nodes.indices.filter { tree.nodes[$0].id != nil }, by: { tree.nodes[$0].id! })
        }
        for (index, node) in first.nodes.enumerated() where index > 0 {
            if let id = node.id {
                let selector = NodeSelector.id(UITree.shortID(id))
                guard seen.insert(selector.source).inserted else { continue }
                // A repeated id (list rows) is required when every capture has it, and masked when any occurrence's text
                // differs between captures or the number of occurrences does.
                let firstOccurrences = occurrences[0][id] ?? []
                let others = occurrences.dropFirst().map { $0[id] ?? [] }
                guard others.allSatisfy({ !$0.isEmpty }) else { continue }
                required.append(selector)
                let varies = zip(trees.dropFirst(), others).contains { tree, indices in
                    indices.count != firstOccurrences.count
                        || zip(firstOccurrences, indices).contains { a, b in
                            first.nodes[a].name != tree.nodes[b].name || first.nodes[a].value != tree.nodes[b].value
                        }
                }
                if varies { masks.append(selector) }
            } else if let name = node.name, node.role.isAction || node.role == .heading {
                let selector = NodeSelector.named(node.role, name)
                guard seen.insert(selector.source).inserted else { continue }
                if trees.dropFirst().allSatisfy({ selector.first(in: $0) != nil }) { required.append(selector) }
            }
        }
        var template = Template(screenID: screenID, app: app ?? first.app, version: version, required: required, masks: masks)
        let masked = Set(masks.flatMap { $0.select(in: first) })
        let reference = Self.masking(first, masked)
        template.reference = reference
        template.structureSignature = reference.structureSignature
        template.contentSignature = reference.contentSignature(masking: masked)
        let primaries = first.nodes.indices.filter { first.nodes[$0].nodeClass == .primaryAction && first.nodes[$0].id != nil }
        let secondaries = first.nodes.indices.filter { first.nodes[$0].nodeClass == .secondaryAction && first.nodes[$0].id != nil }
        if primaries.count == 1, secondaries.count == 1, let a = first.nodes[primaries[0]].bounds,
            let b = first.nodes[secondaries[0]].bounds, b.area > 0
        {
            let ratio = max(2, (a.area / b.area * 1.25 * 10).rounded(.up) / 10)
            template.prominence = [
                Template.Prominence(
                    primary: .id(UITree.shortID(first.nodes[primaries[0]].id!)),
                    alternative: .id(UITree.shortID(first.nodes[secondaries[0]].id!)),
                    maxRatio: ratio)
            ]
        }
        return template
    }

    /// The tree with the names and values of `masked` nodes replaced by `*`.
    static func masking(_ tree: UITree, _ masked: Set<Int>) -> UITree {
        guard !masked.isEmpty else { return tree }
        var capture = tree.capture
        var index = 0
        func walk(_ node: inout UINode) {
            if masked.contains(index) {
                if node.name != nil { node.name = "*" }
                if node.value != nil { node.value = "*" }
            }
            index += 1
            for child in node.children.indices { walk(&node.children[child]) }
        }
        walk(&capture.tree)
        return UITree(capture: capture, root: capture.tree)
    }
}
