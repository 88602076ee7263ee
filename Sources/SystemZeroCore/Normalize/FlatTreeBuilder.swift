/// Builds the flat nodes of a normalized tree in one pass over a capture (``Normalizer/normalize(_:)``).
///
/// Each source node is handled as `Normalizer` documents: removed (noise, invisible), or cleaned, its children
/// normalized, then named from its content, dropped (an empty wrapper), replaced by its only child (a wrapper)
/// or kept. Every source node thus gives its parent at most one node.
///
/// Nodes are appended in pre-order as they are met, and completed once their children are done. A wrapper that
/// gives way to its only child stays in the array as a *placeholder* (`depth == -1`) in front of that child;
/// an empty wrapper is taken off the end again. While building, `end` holds the subtree size (placeholders
/// included); ``finish()`` drops the placeholders and fills in `end`, `parent`, `depth` and `position`.
struct FlatTreeBuilder {
    let normalizer: Normalizer
    let viewport: Bounds?
    /// The nodes in pre-order, with placeholders.
    private(set) var nodes: [UITree.Node] = []
    /// The indices of the children of the nodes being built, innermost last.
    private var childRoots: [Int] = []
    private var placeholders = 0

    private let noiseFilters: [Normalizer.QuickNoiseFilter]

    init(normalizer: Normalizer, viewport: Bounds?) {
        self.normalizer = normalizer
        noiseFilters = normalizer.noiseFilters.map(Normalizer.QuickNoiseFilter.init)
        self.viewport = viewport.flatMap { $0.isEmpty ? nil : $0 }
        nodes.reserveCapacity(256)
        childRoots.reserveCapacity(64)
    }

    @inline(__always)
    private static func node(_ source: borrowing UINode, name: String?, value: String?, id: String?) -> UITree.Node {
        var states = source.states
        states.remove(.focused)
        return UITree.Node(
            role: source.role, name: name, value: value, id: id, states: states, bounds: source.bounds,
            attributes: Normalizer.cleanedAttributes(source.attributes), nodeClass: .container, parent: -1, depth: 0, end: 1,
            position: 0, structureHash: 0, contentHash: 0)
    }

    /// Appends the root and its normalized subtree. The root always stays and is not named from its content.
    mutating func appendRoot(_ root: UINode) {
        let name = Normalizer.foldWhitespace(root.name)
        let value = Normalizer.foldWhitespace(root.value)
        let id = Normalizer.cleanedID(root.id)
        nodes.append(Self.node(root, name: name, value: value, id: id))
        let base = childRoots.count
        for child in root.children {
            if let childRoot = append(child) { childRoots.append(childRoot) }
        }
        complete(0, role: root.role, name: name, value: value, id: id, states: nodes[0].states, childBase: base)
    }

    /// Appends the normalized form of `source`, if any, and returns the index of the node it gives its parent.
    private mutating func append(_ source: borrowing UINode) -> Int? {
        for filter in noiseFilters where filter.matches(source) { return nil }
        if source.states.contains(.hidden) { return nil }
        if let bounds = source.bounds {
            if bounds.isEmpty { return nil }
            if let viewport, !bounds.intersects(viewport) { return nil }
        }
        var name = Normalizer.foldWhitespace(source.name)
        let value = Normalizer.foldWhitespace(source.value)
        let id = Normalizer.cleanedID(source.id)
        let index = nodes.count
        nodes.append(Self.node(source, name: name, value: value, id: id))
        let base = childRoots.count
        source.children.withUnsafeBufferPointer { children in
            for position in children.indices {
                if let childRoot = append(children[position]) { childRoots.append(childRoot) }
            }
        }
        let childCount = childRoots.count - base
        if source.role.isAction, name == nil, childCount > 0 {
            name = nameFromContent(base)
            nodes[index].name = name
        } else if source.role.isContainer, name == nil, value == nil, id == nil, childCount < 2 {
            if childCount == 0 {
                // Its children appended nothing, so the wrapper is the last node.
                nodes.removeLast()
                return nil
            }
            let only = childRoots[base]
            childRoots.removeLast()
            nodes[index].depth = -1
            nodes[index].end = nodes.count - index
            placeholders += 1
            return only
        }
        var states = source.states
        states.remove(.focused)
        complete(index, role: source.role, name: name, value: value, id: id, states: states, childBase: base)
        return index
    }

    /// Completes node `index`, whose children are `childRoots[childBase...]`: its class, subtree size and subtree
    /// hashes. Pops those children.
    private mutating func complete(
        _ index: Int, role: Role, name: String?, value: String?, id: String?, states: StateSet, childBase: Int
    ) {
        var structure = TreeFingerprint.roleHash(role)
        var content = TreeFingerprint.contentHashPrefix(roleHash: structure, id: id, name: name, value: value, states: states)
        var position = childBase
        while position < childRoots.count {
            let child = childRoots[position]
            TreeFingerprint.fnv(&structure, word: nodes[child].structureHash)
            TreeFingerprint.fnv(&content, word: nodes[child].contentHash)
            position += 1
        }
        let hasChildren = childRoots.count > childBase
        childRoots.removeLast(childRoots.count - childBase)
        nodes[index].nodeClass = normalizer.classifier.classify(role: role, name: name, hasChildren: hasChildren)
        nodes[index].end = nodes.count - index
        nodes[index].structureHash = structure
        nodes[index].contentHash = content
    }

    /// `Normalizer.nameFromContent` over the built children `childRoots[base...]`: the names of the text-bearing
    /// nodes in pre-order, descending into a node's children only while fewer than 8 names are found, joined by a
    /// space.
    private func nameFromContent(_ base: Int) -> String? {
        var parts: [String] = []
        for position in base..<childRoots.count { collectText(childRoots[position], into: &parts) }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    private func collectText(_ start: Int, into parts: inout [String]) {
        var index = start
        // A placeholder's only child follows it and stands in its place.
        while nodes[index].depth < 0 { index += 1 }
        let role = nodes[index].role
        if role == .text || role == .heading || role == .paragraph, let name = nodes[index].name { parts.append(name) }
        let end = index + nodes[index].end
        var child = index + 1
        while child < end, parts.count < 8 {
            collectText(child, into: &parts)
            child += nodes[child].end
        }
    }

    /// The nodes in pre-order with their tree fields.
    mutating func finish() -> [UITree.Node] {
        let count = nodes.count
        var open: [(index: Int, end: Int, final: Int)] = []
        var childCounts: [Int] = []
        open.reserveCapacity(32)
        childCounts.reserveCapacity(32)
        var final = 0
        for index in 0..<count {
            while let last = open.last, index >= last.end {
                nodes[last.index].end = final
                open.removeLast()
                childCounts.removeLast()
            }
            if nodes[index].depth < 0 { continue }
            if let last = open.last {
                nodes[index].parent = last.final
                nodes[index].position = childCounts[childCounts.count - 1]
                childCounts[childCounts.count - 1] += 1
            } else {
                nodes[index].parent = -1
                nodes[index].position = 0
            }
            nodes[index].depth = open.count
            open.append((index, index + nodes[index].end, final))
            childCounts.append(0)
            final += 1
        }
        while let last = open.popLast() { nodes[last.index].end = final }
        if placeholders > 0 { nodes.removeAll { $0.depth < 0 } }
        return nodes
    }
}
