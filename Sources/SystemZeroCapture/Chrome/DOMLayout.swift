import SystemZeroCore

/// The boxes and DOM ids of a page's nodes, read from one `DOMSnapshot.captureSnapshot` answer.
///
/// One snapshot gives every laid-out node's box, which is far faster than a `DOM.getBoxModel` call a node. Nodes are
/// keyed by their `backendNodeId`, which the accessibility tree names as `backendDOMNodeId`.
public struct DOMLayout: Sendable {
    /// A node's box, DOM `id` attribute and place in the DOM.
    public struct Entry: Sendable, Hashable {
        public var bounds: Bounds?
        public var domID: String?
        /// The backend node id of its parent in the DOM.
        public var parent: Int?
        /// `true` for a text node.
        public var isText = false
    }

    /// The entries by backend node id.
    public private(set) var entries: [Int: Entry] = [:]

    /// Reads a `DOMSnapshot.captureSnapshot` result (`{"documents": […], "strings": […]}`).
    public init(snapshot: JSONValue) {
        let strings = snapshot["strings"]?.arrayValue?.map { $0.stringValue ?? "" } ?? []
        func string(_ value: JSONValue?) -> String? {
            guard let index = value?.integerValue(as: Int.self), strings.indices.contains(index) else { return nil }
            return strings[index]
        }
        for document in snapshot["documents"]?.arrayValue ?? [] {
            let backendIDs = document["nodes"]?["backendNodeId"]?.arrayValue ?? []
            let attributes = document["nodes"]?["attributes"]?.arrayValue ?? []
            let parents = document["nodes"]?["parentIndex"]?.arrayValue ?? []
            let types = document["nodes"]?["nodeType"]?.arrayValue ?? []
            for (index, backend) in backendIDs.enumerated() {
                guard let backendID = backend.integerValue(as: Int.self) else { continue }
                if index < types.count, types[index].numberValue == 3 { entries[backendID, default: Entry()].isText = true }
                if index < parents.count, let parent = parents[index].integerValue(as: Int.self), backendIDs.indices.contains(parent) {
                    entries[backendID, default: Entry()].parent = backendIDs[parent].integerValue(as: Int.self)
                }
            }
            for (index, attributeList) in attributes.enumerated() where index < backendIDs.count {
                guard let backendID = backendIDs[index].integerValue(as: Int.self), let list = attributeList.arrayValue else { continue }
                var position = 0
                while position + 1 < list.count {
                    if string(list[position]) == "id", let id = string(list[position + 1]), !id.isEmpty {
                        entries[backendID, default: Entry()].domID = id
                    }
                    position += 2
                }
            }
            let layoutNodes = document["layout"]?["nodeIndex"]?.arrayValue ?? []
            let boxes = document["layout"]?["bounds"]?.arrayValue ?? []
            for (nodeIndex, box) in zip(layoutNodes, boxes) {
                guard let index = nodeIndex.integerValue(as: Int.self), backendIDs.indices.contains(index),
                    let backendID = backendIDs[index].integerValue(as: Int.self), let numbers = box.arrayValue?.compactMap(\.numberValue),
                    numbers.count == 4, numbers.allSatisfy(\.isFinite)
                else { continue }
                // The first box of a node is its own; later ones (text fragments of an inline box) are left out.
                if entries[backendID]?.bounds == nil {
                    entries[backendID, default: Entry()].bounds = Bounds(
                        x: numbers[0].rounded(), y: numbers[1].rounded(), width: numbers[2].rounded(), height: numbers[3].rounded())
                }
            }
        }
    }

    /// `tree` with the boxes and DOM ids of its nodes filled in from their `backend_dom_node_id` attribute, which is
    /// then dropped (it names a node of one page load only).
    ///
    /// A text node takes the DOM id of its parent element when the accessibility tree leaves that element out: the
    /// text of `<span id="payout">$12.50</span>` is the node that `#payout` names, as an Android `TextView` with a
    /// resource id is.
    public func attach(to tree: UINode) -> UINode {
        var present = Set<Int>()
        func collect(_ node: UINode) {
            if let key = node.attributes["backend_dom_node_id"], let backendID = Int(key) { present.insert(backendID) }
            node.children.forEach(collect)
        }
        collect(tree)
        return attach(to: tree, present: present)
    }

    private func attach(to tree: UINode, present: Set<Int>) -> UINode {
        var node = tree
        if let key = node.attributes.removeValue(forKey: "backend_dom_node_id"), let backendID = Int(key), let entry = entries[backendID] {
            if node.bounds == nil { node.bounds = entry.bounds }
            if node.id == nil { node.id = entry.domID }
            if node.id == nil, entry.isText, let parent = entry.parent, !present.contains(parent) {
                node.id = entries[parent]?.domID
            }
        }
        node.children = node.children.map { attach(to: $0, present: present) }
        return node
    }
}
