/// A node's own fields: all of a ``UINode`` but its children. What a tree builder gets for each node it closes (made with
/// the memberwise initializer).
struct NodeFields {
    var role: Role
    var name: String?
    var value: String?
    var id: String?
    var states: StateSet
    var bounds: Bounds?
    var attributes: [String: String]

    /// The node with `children`.
    consuming func node(children: [UINode]) -> UINode {
        UINode(role: role, name: name, value: value, id: id, states: states, bounds: bounds, attributes: attributes, children: children)
    }
}
