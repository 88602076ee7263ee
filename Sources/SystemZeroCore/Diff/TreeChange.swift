/// One difference between two trees.
public struct TreeChange: Sendable, Hashable {
    /// What happened to the node.
    public enum Kind: String, Sendable, Hashable {
        case added, removed, changed, moved
    }

    /// A field of a node that can change.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case role, name, value, states, bounds
    }

    public var kind: Kind
    /// The node's path in the tree it belongs to: the after tree for added, changed and moved nodes,
    /// the before tree for removed ones.
    public var path: String
    public var role: Role
    public var name: String?
    /// The fields that differ (changed), empty otherwise.
    public var fields: [Field]
    /// The node's index in the before tree, when it is there.
    public var beforeIndex: Int?
    /// The node's index in the after tree, when it is there.
    public var afterIndex: Int?
    /// For a removed or added node, the number of nodes in its subtree.
    public var subtreeSize: Int

    public init(
        kind: Kind, path: String, role: Role, name: String?, fields: [Field] = [], beforeIndex: Int?, afterIndex: Int?,
        subtreeSize: Int = 1
    ) {
        self.kind = kind
        self.path = path
        self.role = role
        self.name = name
        self.fields = fields
        self.beforeIndex = beforeIndex
        self.afterIndex = afterIndex
        self.subtreeSize = subtreeSize
    }
}
