/// Builds the flat nodes of a normalized tree in one pass over a source tree (``Normalizer/normalize(_:)``), or
/// straight from a parser that reports each node as it reads it (``NativeFastDecoder``).
///
/// Each source node is handled as `Normalizer` documents: removed (noise, invisible), or cleaned, its children
/// normalized, then named from its content, dropped (an empty wrapper), replaced by its only child (a wrapper)
/// or kept. Every source node thus gives its parent at most one node.
///
/// A node is *opened* before its children (its slot in the array is reserved, in pre-order) and *closed* after
/// them, with its own fields. Closing decides: a removed node is taken off the end with everything appended since
/// it opened; a wrapper that gives way to its only child stays in the array as a *placeholder* (`depth == -1`) in
/// front of that child; an empty wrapper is taken off the end. A walk over a ``UINode`` tree checks for removal
/// before it opens a node, so it never reads a removed subtree; a parser, which meets a node's fields and children
/// in any order, reads the subtree and lets ``close(_:_:)`` remove it. While building, `end` holds the subtree size
/// (placeholders included); ``finish()`` drops the placeholders and fills in `end`, `parent`, `depth` and
/// `position`.
struct FlatTreeBuilder {
    /// An opened node: its slot and where its children's entries start in `childRoots`.
    struct Mark {
        let index: Int
        let childBase: Int
    }

    let normalizer: Normalizer
    let viewport: Bounds?
    /// The nodes in pre-order, with placeholders.
    private(set) var nodes: [UITree.Node] = []
    /// The indices of the nodes that the closed children of the open nodes gave, innermost last.
    private var childRoots: [Int] = []
    private var placeholders = 0
    /// Without a viewport: the extremes of the bounds a viewport test would have met (the greatest left and top
    /// edges, the least right and bottom edges), for ``keepsEverything(in:)``.
    private var testedExtent = (left: -Double.infinity, top: -Double.infinity, right: Double.infinity, bottom: Double.infinity)

    private let noiseFilters: [Normalizer.QuickNoiseFilter]

    /// What a node's slot holds until the node is closed.
    private static let openSlot = UITree.Node(
        role: .unknown, name: nil, value: nil, id: nil, states: [], bounds: nil, attributes: [:], nodeClass: .container, parent: -1,
        depth: 0, end: 1, position: 0, structureHash: 0, contentHash: 0)

    init(normalizer: Normalizer, viewport: Bounds?) {
        self.normalizer = normalizer
        noiseFilters = normalizer.noiseFilters.map(Normalizer.QuickNoiseFilter.init)
        self.viewport = viewport.flatMap { $0.isEmpty ? nil : $0 }
        nodes.reserveCapacity(256)
        childRoots.reserveCapacity(64)
    }

    /// Appends the root and its normalized subtree. The root always stays and is not named from its content.
    mutating func appendRoot(_ root: UINode) {
        let mark = open(root)
        for child in root.children { append(child) }
        settle(mark)
    }

    /// Appends the normalized form of `source`, if any.
    private mutating func append(_ source: borrowing UINode) {
        if isRemoved(role: source.role, name: source.name, id: source.id, states: source.states, bounds: source.bounds) { return }
        let mark = open(source)
        source.children.withUnsafeBufferPointer { children in
            for position in children.indices { append(children[position]) }
        }
        settle(mark)
    }

    /// Opens `source`: appends it cleaned, in front of its children.
    @inline(__always)
    private mutating func open(_ source: borrowing UINode) -> Mark {
        let mark = Mark(index: nodes.count, childBase: childRoots.count)
        nodes.append(
            Self.cleaned(
                role: source.role, name: source.name, value: source.value, id: source.id, states: source.states, bounds: source.bounds,
                attributes: source.attributes))
        return mark
    }

    /// A source node's own fields cleaned (transient state and ids, bookkeeping attributes, whitespace), as a node
    /// whose tree fields, class and hashes are still to come.
    @inline(__always)
    private static func cleaned(
        role: Role, name: String?, value: String?, id: String?, states: StateSet, bounds: Bounds?, attributes: [String: String]
    ) -> UITree.Node {
        var states = states
        states.remove(.focused)
        return UITree.Node(
            role: role, name: Normalizer.foldWhitespace(name), value: Normalizer.foldWhitespace(value), id: Normalizer.cleanedID(id),
            states: states, bounds: bounds, attributes: Normalizer.cleanedAttributes(attributes), nodeClass: .container, parent: -1,
            depth: 0, end: 1, position: 0, structureHash: 0, contentHash: 0)
    }

    /// Opens a node whose fields come when it closes: reserves its slot, in front of its children. The first node
    /// opened is the root.
    mutating func open() -> Mark {
        let mark = Mark(index: nodes.count, childBase: childRoots.count)
        nodes.append(Self.openSlot)
        return mark
    }

    /// `true` when a node (other than the root) is removed with its subtree: noise, hidden, empty or off-screen.
    @inline(__always)
    mutating func isRemoved(role: Role, name: String?, id: String?, states: StateSet, bounds: Bounds?) -> Bool {
        for filter in noiseFilters where filter.matches(role: role, id: id, name: name) { return true }
        if states.contains(.hidden) { return true }
        if let bounds {
            if bounds.isEmpty { return true }
            if let viewport {
                if !bounds.intersects(viewport) { return true }
            } else {
                testedExtent.left = max(testedExtent.left, bounds.x)
                testedExtent.top = max(testedExtent.top, bounds.y)
                testedExtent.right = min(testedExtent.right, bounds.x + bounds.width)
                testedExtent.bottom = min(testedExtent.bottom, bounds.y + bounds.height)
            }
        }
        return false
    }

    /// For a builder without a viewport: `true` when `viewport` would have removed none of the nodes built, since
    /// every bounds tested meets it (``Bounds/intersects(_:)`` compares each edge with one of the viewport's, so
    /// the extremes decide for all).
    func keepsEverything(in viewport: Bounds?) -> Bool {
        guard let viewport else { return true }
        return testedExtent.left < viewport.x + viewport.width && viewport.x < testedExtent.right
            && testedExtent.top < viewport.y + viewport.height && viewport.y < testedExtent.bottom
    }

    /// Closes the node opened with ``open()``, whose children have all been closed, given its own fields.
    mutating func close(_ mark: Mark, _ fields: consuming NodeFields) {
        let index = mark.index
        if index > 0, isRemoved(role: fields.role, name: fields.name, id: fields.id, states: fields.states, bounds: fields.bounds) {
            // The node's subtree is everything appended since it opened.
            nodes.removeLast(nodes.count - index)
            childRoots.removeLast(childRoots.count - mark.childBase)
            return
        }
        nodes[index] = Self.cleaned(
            role: fields.role, name: fields.name, value: fields.value, id: fields.id, states: fields.states, bounds: fields.bounds,
            attributes: fields.attributes)
        settle(mark)
    }

    /// Settles an opened node, cleaned and in its slot, whose children are all in: names it from its content, drops
    /// it or lets its only child stand for it if it is a wrapper, or completes it; then gives its parent the node
    /// that stands for it, if any.
    @inline(__always)
    private mutating func settle(_ mark: Mark) {
        let index = mark.index
        let base = mark.childBase
        let childCount = childRoots.count - base
        let role = nodes[index].role
        var name = nodes[index].name
        let value = nodes[index].value
        let id = nodes[index].id
        if index > 0 {
            if role.isAction, name == nil, childCount > 0 {
                name = nameFromContent(base)
                nodes[index].name = name
            } else if role.isContainer, name == nil, value == nil, id == nil, childCount < 2 {
                if childCount == 0 {
                    // Its children gave nothing, so the wrapper is the last node.
                    nodes.removeLast()
                    return
                }
                nodes[index].depth = -1
                nodes[index].end = nodes.count - index
                placeholders += 1
                // The only child's entry stays, standing for the wrapper.
                return
            }
        }
        complete(index, childBase: base)
        childRoots.append(index)
    }

    /// Completes node `index` (cleaned, named), whose children are `childRoots[childBase...]`: its class, subtree size
    /// and subtree hashes. Pops those children.
    private mutating func complete(_ index: Int, childBase: Int) {
        let role = nodes[index].role
        let name = nodes[index].name
        var structure = TreeFingerprint.roleHash(role)
        var content = TreeFingerprint.contentHashPrefix(
            roleHash: structure, id: nodes[index].id, name: name, value: nodes[index].value, states: nodes[index].states)
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
