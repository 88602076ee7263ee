import Crypto

/// A normalized accessibility tree, flattened in pre-order for fast matching and diffing.
///
/// Node 0 is the root. The subtree of node `i` is `i..<nodes[i].end`; its children are found by starting at
/// `i + 1` and jumping to each child's `end`. Every node carries its class and two 64-bit subtree hashes, and the
/// tree carries its structure and content signatures (see ``TreeFingerprint`` and `docs/FORMATS.md`).
public struct UITree: Sendable {
    /// One node of a normalized tree.
    public struct Node: Sendable, Hashable {
        public var role: Role
        public var name: String?
        public var value: String?
        public var id: String?
        public var states: StateSet
        public var bounds: Bounds?
        public var attributes: [String: String]
        /// What the node is for.
        public var nodeClass: NodeClass
        /// The parent's index, `-1` for the root.
        public var parent: Int
        /// The depth, `0` for the root.
        public var depth: Int
        /// One past the last index of this node's subtree.
        public var end: Int
        /// The index among its parent's children.
        public var position: Int
        /// A hash of the subtree's roles and shape.
        public var structureHash: UInt64
        /// A hash of the subtree's roles, shape, ids, names, values and states.
        public var contentHash: UInt64
    }

    /// The nodes in pre-order.
    public private(set) var nodes: [Node]
    public var app: String?
    public var session: String?
    public var capturedAt: String?
    public var source: String?
    public var viewport: Viewport?
    /// SHA-256 (hex) of the canonical structure encoding.
    public private(set) var structureSignature: String
    /// SHA-256 (hex) of the canonical content encoding, without masks.
    public private(set) var contentSignature: String

    /// Flattens, classifies and fingerprints a tree whose nodes are already normalized.
    public init(capture: Capture, root: UINode, classifier: NodeClassifier = NodeClassifier()) {
        app = capture.app
        session = capture.session
        capturedAt = capture.capturedAt
        source = capture.source
        viewport = capture.viewport
        var flat: [Node] = []
        flat.reserveCapacity(256)
        Self.flatten(root, parent: -1, depth: 0, position: 0, classifier: classifier, into: &flat)
        TreeFingerprint.computeSubtreeHashes(&flat)
        nodes = flat
        structureSignature = TreeFingerprint.structureSignature(flat)
        contentSignature = TreeFingerprint.contentSignature(flat, masked: [])
    }

    /// A tree from nodes that are already normalized, flattened in pre-order with their tree fields, classes and
    /// subtree hashes filled in (``FlatTreeBuilder``).
    init(capture: Capture, normalizedNodes: [Node]) {
        app = capture.app
        session = capture.session
        capturedAt = capture.capturedAt
        source = capture.source
        viewport = capture.viewport
        nodes = normalizedNodes
        structureSignature = TreeFingerprint.structureSignature(normalizedNodes)
        contentSignature = TreeFingerprint.contentSignature(normalizedNodes, masked: [])
    }

    private static func flatten(
        _ node: UINode, parent: Int, depth: Int, position: Int, classifier: NodeClassifier, into flat: inout [Node]
    ) {
        let index = flat.count
        flat.append(
            Node(
                role: node.role, name: node.name, value: node.value, id: node.id, states: node.states, bounds: node.bounds,
                attributes: node.attributes,
                nodeClass: classifier.classify(role: node.role, name: node.name, hasChildren: !node.children.isEmpty),
                parent: parent, depth: depth, end: index + 1, position: position, structureHash: 0, contentHash: 0))
        for (offset, child) in node.children.enumerated() {
            flatten(child, parent: index, depth: depth + 1, position: offset, classifier: classifier, into: &flat)
        }
        flat[index].end = flat.count
    }

    /// The number of nodes.
    public var count: Int { nodes.count }

    /// The indices of the children of node `index`, in order.
    public func children(of index: Int) -> [Int] {
        var result: [Int] = []
        let end = nodes[index].end
        var child = index + 1
        while child < end {
            result.append(child)
            child = nodes[child].end
        }
        return result
    }

    /// Calls `body` with the index of each child of node `index`, in order, without building an array.
    @inline(__always)
    func forEachChild(of index: Int, _ body: (Int) throws -> Void) rethrows {
        let end = nodes[index].end
        var child = index + 1
        while child < end {
            try body(child)
            child = nodes[child].end
        }
    }

    /// `true` when `descendant` lies in the subtree of `ancestor` (a node is in its own subtree).
    public func isInSubtree(_ descendant: Int, of ancestor: Int) -> Bool {
        descendant >= ancestor && descendant < nodes[ancestor].end
    }

    /// A readable path such as `window/group[offer_card]/button[Accept]`: each step is the role, then the
    /// id (an Android resource id without its package) or, failing that, the name in brackets; an unlabelled node whose role repeats among its siblings
    /// gets its 1-based place among them, `text#2`.
    public func path(of index: Int) -> String {
        var steps: [String] = []
        var current = index
        while current >= 0 {
            steps.append(step(current))
            current = nodes[current].parent
        }
        return steps.reversed().joined(separator: "/")
    }

    private func step(_ index: Int) -> String {
        let role = nodes[index].role
        if let label = nodes[index].id.map(Self.shortID) ?? nodes[index].name { return "\(role.rawValue)[\(Self.shorten(label))]" }
        let parent = nodes[index].parent
        guard parent >= 0 else { return role.rawValue }
        // The unlabelled siblings of the same role: how many, and the node's place among them.
        var count = 0
        var place = 0
        forEachChild(of: parent) { sibling in
            guard nodes[sibling].role == role, nodes[sibling].id == nil, nodes[sibling].name == nil else { return }
            count += 1
            if sibling == index { place = count }
        }
        return count > 1 ? "\(role.rawValue)#\(place)" : role.rawValue
    }

    /// An Android resource id without its package: `com.example:id/accept` → `accept`.
    static func shortID(_ id: String) -> String {
        // An ASCII id (nearly all) is searched by its bytes: there the first ":id/" of its bytes is the one
        // `range(of:)` finds.
        let ascii = id.utf8.withContiguousStorageIfAvailable { bytes -> String?? in
            var start = -1
            var offset = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte >= 0x80 { return .none }
                if start < 0, byte == UInt8(ascii: "/"), offset >= 3, bytes[offset - 3] == UInt8(ascii: ":"),
                    bytes[offset - 2] == UInt8(ascii: "i"), bytes[offset - 1] == UInt8(ascii: "d")
                {
                    start = offset + 1
                }
                offset += 1
            }
            guard start >= 0 else { return .some(nil) }
            return .some(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
        }
        if let ascii, let ascii { return ascii ?? id }
        guard let range = id.range(of: ":id/") else { return id }
        return String(id[range.upperBound...])
    }

    static func shorten(_ label: String) -> String {
        let cleaned = label.utf8.contains(UInt8(ascii: "/")) ? label.replacingOccurrences(of: "/", with: "∕") : label
        // At most 40 bytes is at most 40 characters.
        guard cleaned.utf8.count > 40, cleaned.count > 40 else { return cleaned }
        return String(cleaned.prefix(39)) + "…"
    }

    /// The content signature with the names and values of `masked` nodes replaced by a mask mark.
    public func contentSignature(masking masked: Set<Int>) -> String {
        masked.isEmpty ? contentSignature : TreeFingerprint.contentSignature(nodes, masked: masked)
    }

    /// The subtree at `index` as a nested node (class and hashes dropped).
    public func uiNode(at index: Int = 0) -> UINode {
        let node = nodes[index]
        return UINode(
            role: node.role, name: node.name, value: node.value, id: node.id, states: node.states, bounds: node.bounds,
            attributes: node.attributes, children: children(of: index).map { uiNode(at: $0) })
    }

    /// The tree as a capture again (normalized).
    public var capture: Capture {
        Capture(app: app, session: session, capturedAt: capturedAt, source: source, viewport: viewport, tree: uiNode())
    }
}
