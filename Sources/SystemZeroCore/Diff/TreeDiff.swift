/// The differences between two normalized trees.
///
/// Nodes are paired in passes, each only among nodes not yet paired:
/// 1. by id, where an id is unique on both sides;
/// 2. by subtree content hash, where a subtree is unique on both sides: the whole subtree pairs at once;
/// 3. top-down, the children of paired parents: first by role and name (the nearest place wins), then by
///    position, role by role;
/// 4. by role and name anywhere, for nodes that moved to another parent (nearest in depth and place), and then
///    pass 3 again below the nodes this pairs.
/// Two nodes whose ids differ are never paired.
///
/// Paired nodes whose fields differ are *changed*. A paired node whose parent is not paired with its
/// counterpart's parent, or whose order among paired siblings changed (outside the longest run that kept
/// its order), is *moved*, so a reordered list reads as moves. Unpaired nodes are *removed* or *added*,
/// each reported once at the top of its unpaired subtree.
public struct TreeDiff: Sendable {
    public let before: UITree
    public let after: UITree
    /// For each node of `before`, its partner in `after` or `-1`.
    public private(set) var partnerInAfter: [Int]
    /// For each node of `after`, its partner in `before` or `-1`.
    public private(set) var partnerInBefore: [Int]
    /// The changes in a fixed order: by kind (removed, added, changed, moved), then by position.
    public private(set) var changes: [TreeChange]

    /// Diffs `before` against `after`. Names and values of nodes in `masked` (indices in `before`) are not compared.
    public init(before: UITree, after: UITree, maskedInBefore: Set<Int> = []) {
        self.before = before
        self.after = after
        partnerInAfter = Array(repeating: -1, count: before.count)
        partnerInBefore = Array(repeating: -1, count: after.count)
        changes = []
        guard before.count > 0, after.count > 0 else { return }
        pair(0, 0)
        pairByID()
        pairBySubtreeHash()
        pairChildrenOfPairedParents()
        pairByRoleAndName()
        pairChildrenOfPairedParents()
        collectChanges(masked: maskedInBefore)
    }

    /// `true` when the trees hold the same nodes in the same places with the same fields.
    public var isEmpty: Bool { changes.isEmpty }

    private mutating func pair(_ a: Int, _ b: Int) {
        partnerInAfter[a] = b
        partnerInBefore[b] = a
    }

    private mutating func pairByID() {
        func uniqueIDs(_ tree: UITree) -> [String: Int] {
            var seen: [String: Int] = [:]
            var duplicate = Set<String>()
            for (index, node) in tree.nodes.enumerated() {
                guard let id = node.id else { continue }
                if seen.updateValue(index, forKey: id) != nil { duplicate.insert(id) }
            }
            for id in duplicate { seen[id] = nil }
            return seen
        }
        let beforeIDs = uniqueIDs(before)
        let afterIDs = uniqueIDs(after)
        for (id, a) in beforeIDs {
            guard let b = afterIDs[id], partnerInAfter[a] < 0, partnerInBefore[b] < 0 else { continue }
            pair(a, b)
        }
    }

    private mutating func pairBySubtreeHash() {
        var afterByHash: [UInt64: Int] = [:]
        var afterCount: [UInt64: Int] = [:]
        for (index, node) in after.nodes.enumerated() where partnerInBefore[index] < 0 {
            afterByHash[node.contentHash] = index
            afterCount[node.contentHash, default: 0] += 1
        }
        var beforeCount: [UInt64: Int] = [:]
        for (index, node) in before.nodes.enumerated() where partnerInAfter[index] < 0 {
            beforeCount[node.contentHash, default: 0] += 1
        }
        var a = 0
        while a < before.count {
            let hash = before.nodes[a].contentHash
            if partnerInAfter[a] < 0, beforeCount[hash] == 1, afterCount[hash] == 1, let b = afterByHash[hash], partnerInBefore[b] < 0 {
                // Equal hashes mean equal shapes: walk both subtrees side by side.
                let size = before.nodes[a].end - a
                if after.nodes[b].end - b == size {
                    for offset in 0..<size where partnerInAfter[a + offset] < 0 && partnerInBefore[b + offset] < 0 {
                        pair(a + offset, b + offset)
                    }
                    a += size
                    continue
                }
            }
            a += 1
        }
    }

    private mutating func pairByRoleAndName() {
        struct Key: Hashable {
            var role: Role
            var name: String
        }
        var candidates: [Key: [Int]] = [:]
        for (index, node) in after.nodes.enumerated() where partnerInBefore[index] < 0 {
            guard let name = node.name else { continue }
            candidates[Key(role: node.role, name: name), default: []].append(index)
        }
        guard !candidates.isEmpty else { return }
        for (a, node) in before.nodes.enumerated() where partnerInAfter[a] < 0 {
            guard let name = node.name, let list = candidates[Key(role: node.role, name: name)] else { continue }
            let parentPartner = node.parent >= 0 ? partnerInAfter[node.parent] : -1
            var best = -1
            var bestScore = Int.max
            for b in list where partnerInBefore[b] < 0 && idsCompatible(a, b) {
                let other = after.nodes[b]
                let sameParent = parentPartner >= 0 && other.parent == parentPartner
                let score = (sameParent ? 0 : 1_000_000) + abs(other.depth - node.depth) * 1_000 + abs(other.position - node.position)
                if score < bestScore {
                    bestScore = score
                    best = b
                }
            }
            if best >= 0 { pair(a, best) }
        }
    }

    /// Ids that differ rule a pair out; a missing id rules nothing out.
    private func idsCompatible(_ a: Int, _ b: Int) -> Bool {
        guard let beforeID = before.nodes[a].id, let afterID = after.nodes[b].id else { return true }
        return beforeID == afterID
    }

    private mutating func pairChildrenOfPairedParents() {
        for a in before.nodes.indices {
            let b = partnerInAfter[a]
            guard b >= 0 else { continue }
            var beforeChildren = before.children(of: a).filter { partnerInAfter[$0] < 0 }
            guard !beforeChildren.isEmpty else { continue }
            var afterChildren = after.children(of: b).filter { partnerInBefore[$0] < 0 }
            guard !afterChildren.isEmpty else { continue }
            beforeChildren.removeAll { child in
                let node = before.nodes[child]
                guard node.name != nil else { return false }
                let matches = afterChildren.filter {
                    after.nodes[$0].role == node.role && after.nodes[$0].name == node.name && idsCompatible(child, $0)
                }
                guard
                    let best = matches.min(by: {
                        abs(after.nodes[$0].position - node.position) < abs(after.nodes[$1].position - node.position)
                    })
                else { return false }
                pair(child, best)
                afterChildren.removeAll { $0 == best }
                return true
            }
            for child in beforeChildren {
                guard
                    let match = afterChildren.firstIndex(where: {
                        after.nodes[$0].role == before.nodes[child].role && idsCompatible(child, $0)
                    })
                else { continue }
                pair(child, afterChildren[match])
                afterChildren.remove(at: match)
            }
        }
    }

    private mutating func collectChanges(masked: Set<Int>) {
        var removed: [TreeChange] = []
        var added: [TreeChange] = []
        var changed: [TreeChange] = []
        var moved: [TreeChange] = []
        for (a, node) in before.nodes.enumerated() where partnerInAfter[a] < 0 {
            if node.parent >= 0, partnerInAfter[node.parent] < 0 { continue }
            removed.append(
                TreeChange(
                    kind: .removed, path: before.path(of: a), role: node.role, name: node.name, beforeIndex: a, afterIndex: nil,
                    subtreeSize: node.end - a))
        }
        for (b, node) in after.nodes.enumerated() where partnerInBefore[b] < 0 {
            if node.parent >= 0, partnerInBefore[node.parent] < 0 { continue }
            added.append(
                TreeChange(
                    kind: .added, path: after.path(of: b), role: node.role, name: node.name, beforeIndex: nil, afterIndex: b,
                    subtreeSize: node.end - b))
        }
        var movedAfter = Set<Int>()
        for a in before.nodes.indices {
            let b = partnerInAfter[a]
            guard b >= 0 else { continue }
            // Children that kept their parent: those outside the longest increasing run moved.
            let kept = before.children(of: a).filter { child in
                let partner = partnerInAfter[child]
                return partner >= 0 && after.nodes[partner].parent == b
            }
            let order = kept.map { after.nodes[partnerInAfter[$0]].position }
            let stay = Self.longestIncreasingRun(order)
            for (offset, child) in kept.enumerated() where !stay.contains(offset) {
                movedAfter.insert(partnerInAfter[child])
            }
        }
        for (a, node) in before.nodes.enumerated() {
            let b = partnerInAfter[a]
            guard b >= 0 else { continue }
            let other = after.nodes[b]
            var fields: [TreeChange.Field] = []
            if node.role != other.role { fields.append(.role) }
            if !masked.contains(a) {
                if node.name != other.name { fields.append(.name) }
                if node.value != other.value { fields.append(.value) }
            }
            if node.states != other.states { fields.append(.states) }
            if node.bounds != other.bounds { fields.append(.bounds) }
            if !fields.isEmpty {
                changed.append(
                    TreeChange(
                        kind: .changed, path: after.path(of: b), role: other.role, name: other.name, fields: fields, beforeIndex: a,
                        afterIndex: b))
            }
            let reparented = node.parent >= 0 && partnerInAfter[node.parent] != other.parent
            if reparented || movedAfter.contains(b) {
                moved.append(
                    TreeChange(kind: .moved, path: after.path(of: b), role: other.role, name: other.name, beforeIndex: a, afterIndex: b))
            }
        }
        changes = removed + added + changed + moved
    }

    /// The offsets of one longest strictly increasing subsequence of `values` (patience sorting, O(n log n)).
    static func longestIncreasingRun(_ values: [Int]) -> Set<Int> {
        guard !values.isEmpty else { return [] }
        var tails: [Int] = []
        var previous = Array(repeating: -1, count: values.count)
        for (offset, value) in values.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if values[tails[middle]] < value { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[offset] = tails[low - 1] }
            if low == tails.count { tails.append(offset) } else { tails[low] = offset }
        }
        var result = Set<Int>()
        var current = tails.last ?? -1
        while current >= 0 {
            result.insert(current)
            current = previous[current]
        }
        return result
    }
}
