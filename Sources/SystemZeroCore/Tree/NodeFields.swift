/// A node's own fields: all of a ``UINode`` but its children. What a tree builder gets for each node it closes.
struct NodeFields {
    var role: Role
    var name: String?
    var value: String?
    var id: String?
    var states: StateSet
    var bounds: Bounds?
    var attributes: [String: String]

    init(role: Role, name: String?, value: String?, id: String?, states: StateSet, bounds: Bounds?, attributes: [String: String]) {
        self.role = role
        self.name = name
        self.value = value
        self.id = id
        self.states = states
        self.bounds = bounds
        self.attributes = attributes
    }

    /// The node with `children`.
    consuming func node(children: [UINode]) -> UINode {
        UINode(role: role, name: name, value: value, id: id, states: states, bounds: bounds, attributes: attributes, children: children)
    }
}
