/// Builds the flat nodes of a normalized tree in one pass over a capture (``Normalizer/normalize(_:)``).
///
/// Each source node is handled as `Normalizer` documents: removed (noise, invisible), or cleaned, its children
/// normalized, then named from its content, dropped (an empty wrapper), replaced by its only child (a wrapper)
/// or kept. Every source node thus gives its parent at most one node, and the nodes are appended in post-order:
/// a node goes in after its subtree, when everything about it is known, and a wrapper that gives way to its child
/// appends nothing, leaving the child's subtree where the wrapper's would have been.
///
/// While building, `end` holds the subtree size. ``finish()`` moves each node to its pre-order place and fills in
/// `end`, `parent`, `depth` and `position`.
struct FlatTreeBuilder {
    let normalizer: Normalizer
    let viewport: Bounds?
    /// The nodes in post-order.
    private(set) var nodes: [UITree.Node] = []
    /// The post-order indices of the children of the nodes being built, innermost last.
    private var childRoots: [Int] = []

    init(normalizer: Normalizer, viewport: Bounds?) {
        self.normalizer = normalizer
        self.viewport = viewport.flatMap { $0.isEmpty ? nil : $0 }
        nodes.reserveCapacity(256)
        childRoots.reserveCapacity(64)
    }

    /// Appends the root and its normalized subtree. The root always stays and is not named from its content.
    mutating func appendRoot(_ root: UINode) {
        let start = nodes.count
        let base = childRoots.count
        for child in root.children where append(child) { childRoots.append(nodes.count - 1) }
        appendNode(
            role: root.role, name: Normalizer.foldWhitespace(root.name), value: Normalizer.foldWhitespace(root.value),
            id: Normalizer.cleanedID(root.id), source: root, start: start, childBase: base)
    }

    /// Appends the normalized form of `source`, if any; `true` when it appended a node (then the last one).
    private mutating func append(_ source: UINode) -> Bool {
        if normalizer.isNoise(source) { return false }
        if source.states.contains(.hidden) { return false }
        if let bounds = source.bounds {
            if bounds.isEmpty { return false }
            if let viewport, !bounds.intersects(viewport) { return false }
        }
        let start = nodes.count
        let base = childRoots.count
        for child in source.children where append(child) { childRoots.append(nodes.count - 1) }
        let childCount = childRoots.count - base
        var name = Normalizer.foldWhitespace(source.name)
        if source.role.isAction, name == nil { name = nameFromContent(childRoots[base...]) }
        let value = Normalizer.foldWhitespace(source.value)
        let id = Normalizer.cleanedID(source.id)
        if source.role.isContainer, name == nil, value == nil, id == nil, childCount < 2 {
            // An empty wrapper appended nothing below it; a wrapper of one child leaves that child last.
            childRoots.removeLast(childCount)
            return childCount == 1
        }
        appendNode(role: source.role, name: name, value: value, id: id, source: source, start: start, childBase: base)
        return true
    }

    /// Appends the node whose subtree starts at `start` and whose children are `childRoots[childBase...]`, with
    /// its subtree hashes, and pops those children.
    private mutating func appendNode(
        role: Role, name: String?, value: String?, id: String?, source: UINode, start: Int, childBase: Int
    ) {
        var states = source.states
        states.remove(.focused)
        var structure = TreeFingerprint.roleHash(role)
        var content = TreeFingerprint.contentHashPrefix(roleHash: structure, id: id, name: name, value: value, states: states)
        var index = childBase
        while index < childRoots.count {
            let child = childRoots[index]
            TreeFingerprint.fnv(&structure, word: nodes[child].structureHash)
            TreeFingerprint.fnv(&content, word: nodes[child].contentHash)
            index += 1
        }
        let hasChildren = childRoots.count > childBase
        childRoots.removeLast(childRoots.count - childBase)
        nodes.append(
            UITree.Node(
                role: role, name: name, value: value, id: id, states: states, bounds: source.bounds,
                attributes: Normalizer.cleanedAttributes(source.attributes),
                nodeClass: normalizer.classifier.classify(role: role, name: name, hasChildren: hasChildren),
                parent: -1, depth: 0, end: nodes.count - start + 1, position: 0, structureHash: structure, contentHash: content))
    }

    /// `Normalizer.nameFromContent` over built nodes: the names of the text-bearing nodes, in pre-order, descending
    /// into a node's children only while fewer than 8 names are found, joined by a space.
    private func nameFromContent(_ children: ArraySlice<Int>) -> String? {
        var parts: [String] = []
        for child in children { collectText(child, into: &parts) }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    private func collectText(_ index: Int, into parts: inout [String]) {
        let node = nodes[index]
        if node.role == .text || node.role == .heading || node.role == .paragraph, let name = node.name { parts.append(name) }
        guard parts.count < 8, node.end > 1 else { return }
        // The children, found from the last: each child's subtree ends just before the next one's.
        var children: [Int] = []
        var child = index - 1
        let first = index - node.end
        while child > first {
            children.append(child)
            child -= nodes[child].end
        }
        for child in children.reversed() where parts.count < 8 { collectText(child, into: &parts) }
    }

    /// The nodes in pre-order with their tree fields.
    mutating func finish() -> [UITree.Node] {
        let count = nodes.count
        // Each node's pre-order place: its subtree starts where it starts in post-order, plus one for each ancestor
        // (in pre-order every ancestor comes before it instead of after). Walking backwards, a node's ancestors
        // are the open subtrees that contain it. `position` holds the destination meanwhile.
        var starts: [Int] = []
        starts.reserveCapacity(32)
        var index = count - 1
        while index >= 0 {
            while let last = starts.last, index < last { starts.removeLast() }
            let start = index - nodes[index].end + 1
            nodes[index].position = start + starts.count
            starts.append(start)
            index -= 1
        }
        // Move each node to its place, cycle by cycle.
        for index in 0..<count {
            while nodes[index].position != index {
                let destination = nodes[index].position
                nodes.swapAt(index, destination)
            }
        }
        // Subtree sizes become ends; parents, depths and positions follow from them.
        var open: [Int] = []
        var childCounts: [Int] = []
        for index in 0..<count {
            nodes[index].end = index + nodes[index].end
            while let last = open.last, index >= nodes[last].end {
                open.removeLast()
                childCounts.removeLast()
            }
            if let last = open.last {
                nodes[index].parent = last
                nodes[index].position = childCounts[childCounts.count - 1]
                childCounts[childCounts.count - 1] += 1
            } else {
                nodes[index].parent = -1
                nodes[index].position = 0
            }
            nodes[index].depth = open.count
            open.append(index)
            childCounts.append(0)
        }
        return nodes
    }
}
