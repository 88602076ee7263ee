/// Reads and writes System//Zero's native capture JSON (DESIGN.md, "Native capture").
///
/// ```json
/// {"app": "com.example", "session": "s1", "captured_at": "2026-11-26T20:00:00Z", "source": "android-uiautomator",
///  "viewport": {"width": 1080, "height": 2340},
///  "tree": {"role": "window", "name": "Offer", "id": "root", "value": null, "states": [],
///           "bounds": [0, 0, 1080, 2340], "attributes": {}, "children": []}}
/// ```
/// Optional fields may be left out. Errors carry the JSON path of the bad value.
public struct NativeCaptureCodec: Sendable {
    public var limits: ImportLimits

    public init(limits: ImportLimits = .default) {
        self.limits = limits
    }

    /// Parses native capture JSON.
    public func decode(_ bytes: [UInt8]) throws(ImportError) -> Capture {
        // The fast path reads the bytes straight into nodes; it declines anything it does not handle (every error
        // among them), and then the general path below gives the result or the error with its position or path.
        if let capture = NativeFastDecoder(codec: self).decode(bytes) { return capture }
        return try decode(JSONParser(limits: limits).parse(bytes))
    }

    /// Reads a capture from a parsed document.
    public func decode(_ document: JSONValue) throws(ImportError) -> Capture {
        guard case .object = document else { throw invalid("$", "the capture must be a JSON object") }
        guard let treeValue = document["tree"] else { throw invalid("$", "the capture has no \"tree\"") }
        var nodeCount = 0
        var path = NodePath()
        let tree = try decodeNode(treeValue, path: &path, depth: 1, count: &nodeCount)
        return try capture(header: document, tree: tree)
    }

    /// The capture from the document's fields other than `tree`, around `tree`.
    func capture(header document: JSONValue, tree: UINode) throws(ImportError) -> Capture {
        var viewport: Viewport?
        if let value = document["viewport"], !value.isNull {
            guard let width = value["width"]?.numberValue, let height = value["height"]?.numberValue,
                width.isFinite, height.isFinite, width >= 0, height >= 0
            else { throw invalid("$.viewport", "the viewport needs a non-negative \"width\" and \"height\"") }
            viewport = Viewport(width: width, height: height)
        }
        return Capture(
            app: try optionalString(document, "app", path: "$"),
            session: try optionalString(document, "session", path: "$"),
            capturedAt: try optionalString(document, "captured_at", path: "$"),
            source: try optionalString(document, "source", path: "$"),
            viewport: viewport,
            tree: tree
        )
    }

    /// The JSON path of the node being decoded, kept as the child indices below `$.tree` and written out only
    /// for an error.
    struct NodePath {
        var indices: [Int] = []

        var text: String {
            var text = "$.tree"
            for index in indices { text += ".children[\(index)]" }
            return text
        }
    }

    /// The first member of each name a node reads (`JSONValue` subscript semantics), found in one pass.
    private struct NodeMembers {
        var role: JSONValue?
        var name: JSONValue?
        var value: JSONValue?
        var id: JSONValue?
        var states: JSONValue?
        var bounds: JSONValue?
        var attributes: JSONValue?
        var children: JSONValue?

        init(_ members: [(key: String, value: JSONValue)]) {
            for member in members {
                let key = member.key
                switch key.utf8.count {
                case 2: if id == nil, key == "id" { id = member.value }
                case 4:
                    if role == nil, key == "role" {
                        role = member.value
                    } else if name == nil, key == "name" {
                        name = member.value
                    }
                case 5: if value == nil, key == "value" { value = member.value }
                case 6:
                    if states == nil, key == "states" {
                        states = member.value
                    } else if bounds == nil, key == "bounds" {
                        bounds = member.value
                    }
                case 8: if children == nil, key == "children" { children = member.value }
                case 10: if attributes == nil, key == "attributes" { attributes = member.value }
                default: break
                }
            }
        }
    }

    private func decodeNode(_ value: JSONValue, path: inout NodePath, depth: Int, count: inout Int) throws(ImportError) -> UINode {
        guard depth <= limits.maxDepth else { throw ImportError(.tooDeep(limit: limits.maxDepth), position: .path(path.text)) }
        count += 1
        guard count <= limits.maxNodes else { throw ImportError(.tooManyNodes(limit: limits.maxNodes), position: .path(path.text)) }
        guard case .object(let objectMembers) = value else { throw invalid(path.text, "a node must be a JSON object") }
        let members = NodeMembers(objectMembers)
        guard let roleName = members.role?.stringValue else { throw invalid(path.text + ".role", "a node needs a \"role\" string") }
        var node = UINode(role: NativeFastDecoder.role(named: roleName))
        if node.role == .unknown, roleName != "unknown" { node.attributes["source_role"] = roleName }
        node.name = try optionalString(members.name, "name", path: path)
        node.value = try optionalString(members.value, "value", path: path)
        node.id = try optionalString(members.id, "id", path: path)
        if let states = members.states, !states.isNull {
            guard let list = states.arrayValue else { throw invalid(path.text + ".states", "\"states\" must be an array of names") }
            for (index, entry) in list.enumerated() {
                guard let name = entry.stringValue, let state = StateSet(name: name) else {
                    throw invalid(
                        "\(path.text).states[\(index)]", "unknown state; expected one of \(StateSet.named.map(\.name).joined(separator: ", "))")
                }
                node.states.insert(state)
            }
        }
        if let bounds = members.bounds, !bounds.isNull {
            guard let numbers = bounds.arrayValue?.compactMap(\.numberValue), numbers.count == 4, numbers.allSatisfy(\.isFinite),
                numbers[2] >= 0, numbers[3] >= 0
            else {
                throw invalid(path.text + ".bounds", "\"bounds\" must be [x, y, width, height] with finite numbers and a non-negative size")
            }
            node.bounds = Bounds(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
        }
        if let attributes = members.attributes, !attributes.isNull {
            guard let members = attributes.objectValue else {
                throw invalid(path.text + ".attributes", "\"attributes\" must be an object of strings")
            }
            for member in members {
                guard let string = member.value.stringValue else {
                    throw invalid("\(path.text).attributes.\(member.key)", "attribute values must be strings")
                }
                node.attributes[member.key] = string
            }
        }
        if let children = members.children, !children.isNull {
            guard let list = children.arrayValue else { throw invalid(path.text + ".children", "\"children\" must be an array of nodes") }
            node.children.reserveCapacity(list.count)
            path.indices.append(0)
            for (index, child) in list.enumerated() {
                path.indices[path.indices.count - 1] = index
                node.children.append(try decodeNode(child, path: &path, depth: depth + 1, count: &count))
            }
            path.indices.removeLast()
        }
        return node
    }

    private func optionalString(_ value: JSONValue?, _ key: String, path: NodePath) throws(ImportError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard case .string(let string) = value else {
            throw invalid("\(path.text).\(key)", "\"\(key)\" must be a string, not a \(value.kindName)")
        }
        return string
    }

    private func optionalString(_ object: JSONValue, _ key: String, path: String) throws(ImportError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let string = value.stringValue else {
            throw invalid("\(path).\(key)", "\"\(key)\" must be a string, not a \(value.kindName)")
        }
        return string
    }

    private func invalid(_ path: String, _ message: String) -> ImportError {
        ImportError(.invalidValue(message), position: .path(path))
    }

    /// The capture as a native JSON document, keys in the documented order.
    public static func encode(_ capture: Capture) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let app = capture.app { members.append(("app", .string(app))) }
        if let session = capture.session { members.append(("session", .string(session))) }
        if let capturedAt = capture.capturedAt { members.append(("captured_at", .string(capturedAt))) }
        if let source = capture.source { members.append(("source", .string(source))) }
        if let viewport = capture.viewport {
            members.append(("viewport", ["width": .number(viewport.width), "height": .number(viewport.height)]))
        }
        members.append(("tree", encode(capture.tree)))
        return .object(members)
    }

    /// One node and its subtree as native JSON.
    public static func encode(_ node: UINode, extra: (UINode) -> [(key: String, value: JSONValue)] = { _ in [] }) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("role", .string(node.role.rawValue))]
        if let name = node.name { members.append(("name", .string(name))) }
        if let value = node.value { members.append(("value", .string(value))) }
        if let id = node.id { members.append(("id", .string(id))) }
        if !node.states.isEmpty { members.append(("states", .array(node.states.names.map(JSONValue.string)))) }
        if let bounds = node.bounds { members.append(("bounds", .array(bounds.array.map(JSONValue.number)))) }
        if !node.attributes.isEmpty {
            members.append(("attributes", .object(node.attributes.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        members.append(contentsOf: extra(node))
        if !node.children.isEmpty { members.append(("children", .array(node.children.map { encode($0, extra: extra) }))) }
        return .object(members)
    }
}
