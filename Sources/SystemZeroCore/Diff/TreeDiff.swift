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
        // Each id unique on both sides pairs its two nodes; as each such pair involves nodes no other id names,
        // the order the ids are taken in does not matter.
        func uniqueIDs(_ tree: UITree) -> [String: Int] {
            var seen: [String: Int] = [:]
            var duplicate = Set<String>()
            for index in tree.nodes.indices {
                guard let id = tree.nodes[index].id else { continue }
                if seen.isEmpty { seen.reserveCapacity(tree.count - index) }
                if seen.updateValue(index, forKey: id) != nil { duplicate.insert(id) }
            }
            for id in duplicate { seen[id] = nil }
            return seen
        }
        let beforeIDs = uniqueIDs(before)
        guard !beforeIDs.isEmpty else { return }
        let afterIDs = uniqueIDs(after)
        guard !afterIDs.isEmpty else { return }
        for (id, a) in beforeIDs {
            guard let b = afterIDs[id], partnerInAfter[a] < 0, partnerInBefore[b] < 0 else { continue }
            pair(a, b)
        }
    }

    private mutating func pairBySubtreeHash() {
        // Per content hash among unpaired nodes: how many there are on each side, and one after-side node.
        var table = HashCounts(capacity: after.count + before.count)
        for index in after.nodes.indices where partnerInBefore[index] < 0 {
            table.countAfter(after.nodes[index].contentHash, index: index)
        }
        for index in before.nodes.indices where partnerInAfter[index] < 0 {
            table.countBefore(before.nodes[index].contentHash)
        }
        var a = 0
        while a < before.count {
            if partnerInAfter[a] < 0, let entry = table.entry(before.nodes[a].contentHash), entry.beforeCount == 1,
                entry.afterCount == 1
            {
                let b = entry.afterIndex
                if partnerInBefore[b] < 0 {
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
            }
            a += 1
        }
    }

    /// Counts by 64-bit hash: open addressing on the hash's own bits (they are FNV-1a already).
    private struct HashCounts {
        struct Entry {
            var hash: UInt64
            var afterIndex: Int
            var afterCount: Int
            var beforeCount: Int
        }

        private var slots: [Int32]
        private var entries: [Entry] = []
        private let mask: Int

        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 { size <<= 1 }
            slots = Array(repeating: -1, count: size)
            mask = size - 1
            entries.reserveCapacity(capacity)
        }

        @inline(__always)
        private func slot(_ hash: UInt64) -> Int {
            Int(truncatingIfNeeded: (hash ^ (hash >> 29) ^ (hash >> 47)) & UInt64(mask))
        }

        /// The entry's index, or the free slot to put it in.
        @inline(__always)
        private func find(_ hash: UInt64) -> (entry: Int?, slot: Int) {
            var position = slot(hash)
            while true {
                let entry = Int(slots[position])
                if entry < 0 { return (nil, position) }
                if entries[entry].hash == hash { return (entry, position) }
                position = (position + 1) & mask
            }
        }

        mutating func countAfter(_ hash: UInt64, index: Int) {
            let (entry, position) = find(hash)
            if let entry {
                entries[entry].afterIndex = index
                entries[entry].afterCount += 1
            } else {
                slots[position] = Int32(entries.count)
                entries.append(Entry(hash: hash, afterIndex: index, afterCount: 1, beforeCount: 0))
            }
        }

        mutating func countBefore(_ hash: UInt64) {
            let (entry, position) = find(hash)
            if let entry {
                entries[entry].beforeCount += 1
            } else {
                slots[position] = Int32(entries.count)
                entries.append(Entry(hash: hash, afterIndex: -1, afterCount: 0, beforeCount: 1))
            }
        }

        func entry(_ hash: UInt64) -> Entry? {
            find(hash).entry.map { entries[$0] }
        }
    }

    private mutating func pairByRoleAndName() {
        struct Key: Hashable {
            var role: Role
            var name: String
        }
        var candidates: [Key: [Int]] = [:]
        for index in after.nodes.indices where partnerInBefore[index] < 0 {
            guard let name = after.nodes[index].name else { continue }
            candidates[Key(role: after.nodes[index].role, name: name), default: []].append(index)
        }
        guard !candidates.isEmpty else { return }
        for a in before.nodes.indices where partnerInAfter[a] < 0 {
            guard let name = before.nodes[a].name, let list = candidates[Key(role: before.nodes[a].role, name: name)] else { continue }
            let parent = before.nodes[a].parent
            let depth = before.nodes[a].depth
            let position = before.nodes[a].position
            let parentPartner = parent >= 0 ? partnerInAfter[parent] : -1
            var best = -1
            var bestScore = Int.max
            for b in list where partnerInBefore[b] < 0 && idsCompatible(a, b) {
                let sameParent = parentPartner >= 0 && after.nodes[b].parent == parentPartner
                let score =
                    (sameParent ? 0 : 1_000_000) + abs(after.nodes[b].depth - depth) * 1_000 + abs(after.nodes[b].position - position)
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
        // Scratch lists, reused from parent to parent.
        var beforeChildren: [Int] = []
        var afterChildren: [Int] = []
        var unmatched: [Int] = []
        for a in before.nodes.indices {
            let b = partnerInAfter[a]
            guard b >= 0 else { continue }
            beforeChildren.removeAll(keepingCapacity: true)
            before.forEachChild(of: a) { child in
                if partnerInAfter[child] < 0 { beforeChildren.append(child) }
            }
            guard !beforeChildren.isEmpty else { continue }
            afterChildren.removeAll(keepingCapacity: true)
            after.forEachChild(of: b) { child in
                if partnerInBefore[child] < 0 { afterChildren.append(child) }
            }
            guard !afterChildren.isEmpty else { continue }
            // Named children, in order: the nearest unpaired child of the same role and name (the first of the
            // nearest).
            unmatched.removeAll(keepingCapacity: true)
            for child in beforeChildren {
                guard let name = before.nodes[child].name else {
                    unmatched.append(child)
                    continue
                }
                let role = before.nodes[child].role
                let position = before.nodes[child].position
                var best = -1
                var bestDistance = Int.max
                for (offset, candidate) in afterChildren.enumerated()
                where after.nodes[candidate].role == role && after.nodes[candidate].name == name && idsCompatible(child, candidate) {
                    let distance = abs(after.nodes[candidate].position - position)
                    if distance < bestDistance {
                        bestDistance = distance
                        best = offset
                    }
                }
                guard best >= 0 else {
                    unmatched.append(child)
                    continue
                }
                pair(child, afterChildren[best])
                afterChildren.remove(at: best)
            }
            // Then by position, role by role.
            for child in unmatched {
                let role = before.nodes[child].role
                guard let match = afterChildren.firstIndex(where: { after.nodes[$0].role == role && idsCompatible(child, $0) })
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
        for a in before.nodes.indices where partnerInAfter[a] < 0 {
            let parent = before.nodes[a].parent
            if parent >= 0, partnerInAfter[parent] < 0 { continue }
            removed.append(
                TreeChange(
                    kind: .removed, path: before.path(of: a), role: before.nodes[a].role, name: before.nodes[a].name, beforeIndex: a,
                    afterIndex: nil, subtreeSize: before.nodes[a].end - a))
        }
        for b in after.nodes.indices where partnerInBefore[b] < 0 {
            let parent = after.nodes[b].parent
            if parent >= 0, partnerInBefore[parent] < 0 { continue }
            added.append(
                TreeChange(
                    kind: .added, path: after.path(of: b), role: after.nodes[b].role, name: after.nodes[b].name, beforeIndex: nil,
                    afterIndex: b, subtreeSize: after.nodes[b].end - b))
        }
        var movedAfter = [Bool](repeating: false, count: after.count)
        var kept: [Int] = []
        var order: [Int] = []
        for a in before.nodes.indices {
            let b = partnerInAfter[a]
            guard b >= 0 else { continue }
            // Children that kept their parent: those outside the longest increasing run moved.
            kept.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            var increasing = true
            before.forEachChild(of: a) { child in
                let partner = partnerInAfter[child]
                guard partner >= 0, after.nodes[partner].parent == b else { return }
                let position = after.nodes[partner].position
                if let last = order.last, position <= last { increasing = false }
                kept.append(child)
                order.append(position)
            }
            // A strictly increasing order is its own longest run: nothing moved.
            guard !increasing else { continue }
            let stay = Self.longestIncreasingRun(order)
            for (offset, child) in kept.enumerated() where !stay.contains(offset) {
                movedAfter[partnerInAfter[child]] = true
            }
        }
        let masking = !masked.isEmpty
        for a in before.nodes.indices {
            let b = partnerInAfter[a]
            guard b >= 0 else { continue }
            var fields: [TreeChange.Field] = []
            if before.nodes[a].role != after.nodes[b].role { fields.append(.role) }
            if !masking || !masked.contains(a) {
                if before.nodes[a].name != after.nodes[b].name { fields.append(.name) }
                if before.nodes[a].value != after.nodes[b].value { fields.append(.value) }
            }
            if before.nodes[a].states != after.nodes[b].states { fields.append(.states) }
            if before.nodes[a].bounds != after.nodes[b].bounds { fields.append(.bounds) }
            if !fields.isEmpty {
                changed.append(
                    TreeChange(
                        kind: .changed, path: after.path(of: b), role: after.nodes[b].role, name: after.nodes[b].name, fields: fields,
                        beforeIndex: a, afterIndex: b))
            }
            let parent = before.nodes[a].parent
            let reparented = parent >= 0 && partnerInAfter[parent] != after.nodes[b].parent
            if reparented || movedAfter[b] {
                moved.append(
                    TreeChange(
                        kind: .moved, path: after.path(of: b), role: after.nodes[b].role, name: after.nodes[b].name, beforeIndex: a,
                        afterIndex: b))
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
