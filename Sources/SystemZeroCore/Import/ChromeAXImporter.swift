/// Reads a Chrome DevTools `Accessibility.getFullAXTree` response: `{"nodes": […]}` or the bare array.
///
/// Nodes are linked through `childIds` from the root (the node no other node lists as a child). A node with
/// `"ignored": true` is left out and its children take its place. `role.value` maps through ``RoleMapper``;
/// `name.value` and `value.value` give the name and value; boolean and tristate properties become states,
/// and `level`, `url`, `valuemin`, `valuemax`, `autocomplete`, `haspopup`, `roledescription` and the like
/// become attributes. `backendDOMNodeId` is kept as the attribute `backend_dom_node_id`, so a live capture can
/// attach boxes to nodes.
///
/// A `childIds` entry that names no node is a dangling reference; a node that no `childIds` reaches, other than
/// the root, is an orphan. Chrome never writes either, but hand-edited files do (a node's id renamed without
/// its parent's `childIds`). When the counts of both are equal, each orphan takes the place of a dangling
/// reference, in document order; otherwise dangling references are skipped and orphans are appended to the root.
public struct ChromeAXImporter: Sendable {
    public var limits: ImportLimits

    public init(limits: ImportLimits = .default) {
        self.limits = limits
    }

    public func importCapture(_ bytes: [UInt8]) throws(ImportError) -> Capture {
        try importCapture(JSONParser(limits: limits).parse(bytes))
    }

    public func importCapture(_ document: JSONValue) throws(ImportError) -> Capture {
        let list: [JSONValue]
        var listPath = "$"
        if let array = document.arrayValue {
            list = array
        } else if let nodes = document["nodes"]?.arrayValue {
            list = nodes
            listPath = "$.nodes"
        } else {
            throw ImportError(.invalidValue("a Chrome AX tree is an array of nodes or an object with \"nodes\""), position: .path("$"))
        }
        guard list.count <= limits.maxNodes else { throw ImportError(.tooManyNodes(limit: limits.maxNodes), position: .path(listPath)) }
        guard !list.isEmpty else { throw ImportError(.invalidValue("the AX tree has no nodes"), position: .path(listPath)) }

        var indexByID: [String: Int] = [:]
        var isChild = Set<String>()
        for (index, node) in list.enumerated() {
            guard let id = Self.identifier(node["nodeId"]) else {
                throw ImportError(.invalidValue("every AX node needs a \"nodeId\""), position: .path("\(listPath)[\(index)]"))
            }
            guard indexByID.updateValue(index, forKey: id) == nil else {
                throw ImportError(.invalidValue("nodeId \"\(id)\" appears twice"), position: .path("\(listPath)[\(index)].nodeId"))
            }
            for child in node["childIds"]?.arrayValue ?? [] {
                if let childID = Self.identifier(child) { isChild.insert(childID) }
            }
        }
        guard let rootIndex = list.indices.first(where: { !isChild.contains(Self.identifier(list[$0]["nodeId"]) ?? "") }) else {
            throw ImportError(.invalidValue("no root: every node is some node's child"), position: .path(listPath))
        }
        var links = Links(indexByID: indexByID)
        links.repair(list: list, isChild: isChild, rootIndex: rootIndex)
        var visited = Set<Int>()
        var built = try build(rootIndex, in: list, listPath: listPath, links: links, depth: 1, visited: &visited)
        for orphan in links.unplacedOrphans {
            built.append(contentsOf: try build(orphan, in: list, listPath: listPath, links: links, depth: 2, visited: &visited))
        }
        let root: UINode =
            switch built.count {
            case 1: built[0]
            default: UINode(role: .document, children: built)
            }
        return Capture(source: "chrome-ax", tree: root)
    }

    /// How `childIds` resolve to nodes, with the repair of dangling references described above.
    private struct Links {
        let indexByID: [String: Int]
        var substitutes: [String: Int] = [:]
        var unplacedOrphans: [Int] = []

        init(indexByID: [String: Int]) {
            self.indexByID = indexByID
        }

        func index(of id: String) -> Int? {
            indexByID[id] ?? substitutes[id]
        }

        mutating func repair(list: [JSONValue], isChild: Set<String>, rootIndex: Int) {
            var dangling: [String] = []
            for node in list {
                for child in node["childIds"]?.arrayValue ?? [] {
                    if let id = ChromeAXImporter.identifier(child), indexByID[id] == nil { dangling.append(id) }
                }
            }
            let orphans = list.indices.filter { index in
                index != rootIndex && !isChild.contains(ChromeAXImporter.identifier(list[index]["nodeId"]) ?? "")
            }
            if !dangling.isEmpty, dangling.count == orphans.count {
                for (id, orphan) in zip(dangling, orphans) { substitutes[id] = orphan }
            } else {
                unplacedOrphans = orphans
            }
        }
    }

    /// The node at `index` as zero (ignored, no children), one, or several (ignored, children promoted) nodes.
    private func build(
        _ index: Int, in list: [JSONValue], listPath: String, links: Links, depth: Int, visited: inout Set<Int>
    ) throws(ImportError) -> [UINode] {
        let path = "\(listPath)[\(index)]"
        guard depth <= limits.maxDepth else { throw ImportError(.tooDeep(limit: limits.maxDepth), position: .path(path)) }
        guard visited.insert(index).inserted else {
            throw ImportError(.invalidValue("node is reached twice through childIds (a cycle or a shared child)"), position: .path(path))
        }
        let source = list[index]
        var children: [UINode] = []
        for child in source["childIds"]?.arrayValue ?? [] {
            guard let childID = Self.identifier(child) else {
                throw ImportError(.invalidValue("childIds must hold node ids"), position: .path(path + ".childIds"))
            }
            guard let childIndex = links.index(of: childID) else { continue }
            children.append(
                contentsOf: try build(childIndex, in: list, listPath: listPath, links: links, depth: depth + 1, visited: &visited))
        }
        if source["ignored"]?.boolValue == true { return children }
        var node = try makeNode(source, path: path)
        node.children = children
        return [node]
    }

    private func makeNode(_ source: JSONValue, path: String) throws(ImportError) -> UINode {
        let roleName = source["role"]?["value"]?.stringValue ?? "unknown"
        var node = UINode(role: RoleMapper.role(web: roleName))
        if node.role == .unknown { node.attributes["source_role"] = roleName }
        node.name = Self.text(source["name"]?["value"])
        node.value = Self.text(source["value"]?["value"])
        if let description = Self.text(source["description"]?["value"]) { node.attributes["description"] = description }
        if let backendID = Self.identifier(source["backendDOMNodeId"]) { node.attributes["backend_dom_node_id"] = backendID }
        for property in source["properties"]?.arrayValue ?? [] {
            guard let name = property["name"]?.stringValue else { continue }
            let value = property["value"]?["value"]
            if let state = Self.booleanStates[name] {
                if value?.boolValue == true || value?.stringValue == "true" { node.states.insert(state) }
                if name == "expanded", value?.boolValue == false { node.states.insert(.collapsed) }
            } else if name == "checked" || name == "pressed" {
                switch value?.stringValue ?? value?.boolValue.map(String.init) {
                case "true": node.states.insert(name == "checked" ? .checked : .pressed)
                case "mixed": node.states.insert(.mixed)
                default: break
                }
            } else if name == "invalid" {
                if let token = value?.stringValue, token != "false" { node.states.insert(.invalid) }
            } else if name == "editable" {
                if let token = value?.stringValue, !token.isEmpty { node.states.insert(.editable) }
            } else if Self.keptAttributes.contains(name), let text = Self.text(value) {
                node.attributes[name] = text
            }
        }
        for text in [node.name, node.value].compactMap({ $0 }) where text.utf8.count > limits.maxStringLength {
            throw ImportError(.stringTooLong(limit: limits.maxStringLength), position: .path(path))
        }
        return node
    }

    private static let booleanStates: [String: StateSet] = [
        "focusable": .focusable, "focused": .focused, "disabled": .disabled, "expanded": .expanded, "selected": .selected,
        "modal": .modal, "required": .required, "readonly": .readonly, "busy": .busy, "multiline": .multiline,
        "multiselectable": .multiselectable, "hidden": .hidden, "visited": .visited,
    ]

    private static let keptAttributes: Set<String> = [
        "level", "url", "valuemin", "valuemax", "valuetext", "autocomplete", "haspopup", "orientation", "roledescription",
        "keyshortcuts", "placeholder", "live", "atomic", "relevant",
    ]

    /// A string or number as text; empty strings are `nil`.
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let string): return string.isEmpty ? nil : string
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let bool): return String(bool)
        default: return nil
        }
    }

    /// A node id, which CDP sends as a string (and older versions as a number).
    static func identifier(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let string): return string
        case .number: return value?.integerValue(as: Int64.self).map(String.init)
        default: return nil
        }
    }
}
