import SystemZeroCore

/// Gives a live Chrome accessibility tree the shape other sources have, so web screens fingerprint like app screens.
///
/// - **Inline text boxes** (`InlineTextBox`, one per line of rendered text) repeat their text node: they are marked
///   ignored before import, so the importer leaves them out.
/// - **Label text**: a node whose only child is a leaf text with the node's own name (a button's or a heading's
///   `StaticText`) loses that child: the name already says it.
/// - **Text wrappers**: an unnamed group, paragraph or text (`<strong>`) with an id whose only child is a leaf text without one
///   (`<span id="price">$3</span>`) becomes that text, with the wrapper's id and box, as an Android `TextView` with a
///   resource id is one node.
public enum WebTreeShaping {
    /// The `Accessibility.getFullAXTree` result with its inline text boxes marked ignored.
    public static func ignoringInlineTextBoxes(_ result: JSONValue) -> JSONValue {
        guard case .object(var members) = result, let index = members.firstIndex(where: { $0.key == "nodes" }),
            let nodes = members[index].value.arrayValue
        else { return result }
        members[index].value = .array(
            nodes.map { node in
                guard node["role"]?["value"]?.stringValue == "InlineTextBox", case .object(var fields) = node else { return node }
                fields.removeAll { $0.key == "ignored" }
                fields.append(("ignored", true))
                return .object(fields)
            })
        return .object(members)
    }

    /// The tree with label texts dropped and text wrappers folded, bottom-up.
    public static func fold(_ tree: UINode) -> UINode {
        var node = tree
        node.children = node.children.map(fold)
        guard node.children.count == 1, let only = node.children.first, only.role == .text, only.children.isEmpty else { return node }
        if node.name != nil, only.name == node.name, only.id == nil {
            node.children = []
        } else if [.group, .paragraph, .text].contains(node.role), node.name == nil, node.value == nil, node.id != nil, only.id == nil,
            only.name != nil
        {
            var text = only
            text.id = node.id
            text.bounds = node.bounds ?? only.bounds
            text.states.formUnion(node.states)
            return text
        }
        return node
    }
}
