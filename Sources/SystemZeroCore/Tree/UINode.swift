/// One element of an accessibility tree, in the vocabulary shared by every capture source.
public struct UINode: Sendable, Hashable {
    /// What the element is.
    public var role: Role
    /// Its accessible name: a label, a button's text, a heading's text.
    public var name: String?
    /// Its current value: a text field's contents, a slider's position.
    public var value: String?
    /// A stable identifier from the source: Android resource-id, DOM id, automation id.
    public var id: String?
    /// The states that are true.
    public var states: StateSet
    /// Where it is on screen, when the source knows.
    public var bounds: Bounds?
    /// Source details kept for evidence: the Android class, a link's URL, a heading level, a placeholder.
    /// Not part of any fingerprint.
    public var attributes: [String: String]
    /// The nodes inside it, in order.
    public var children: [UINode]

    public init(
        role: Role, name: String? = nil, value: String? = nil, id: String? = nil, states: StateSet = [],
        bounds: Bounds? = nil, attributes: [String: String] = [:], children: [UINode] = []
    ) {
        self.role = role
        self.name = name
        self.value = value
        self.id = id
        self.states = states
        self.bounds = bounds
        self.attributes = attributes
        self.children = children
    }

    /// The number of nodes in this subtree, itself included.
    public var subtreeCount: Int {
        children.reduce(1) { $0 + $1.subtreeCount }
    }

    /// The depth of this subtree: 1 for a leaf.
    public var depth: Int {
        1 + (children.map(\.depth).max() ?? 0)
    }
}
