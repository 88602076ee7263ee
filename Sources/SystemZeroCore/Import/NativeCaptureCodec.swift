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
        try decode(JSONParser(limits: limits).parse(bytes))
    }

    /// Reads a capture from a parsed document.
    public func decode(_ document: JSONValue) throws(ImportError) -> Capture {
        guard case .object = document else { throw invalid("$", "the capture must be a JSON object") }
        guard let treeValue = document["tree"] else { throw invalid("$", "the capture has no \"tree\"") }
        var nodeCount = 0
        let tree = try decodeNode(treeValue, path: "$.tree", depth: 1, count: &nodeCount)
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

    private func decodeNode(_ value: JSONValue, path: String, depth: Int, count: inout Int) throws(ImportError) -> UINode {
        guard depth <= limits.maxDepth else { throw ImportError(.tooDeep(limit: limits.maxDepth), position: .path(path)) }
        count += 1
        guard count <= limits.maxNodes else { throw ImportError(.tooManyNodes(limit: limits.maxNodes), position: .path(path)) }
        guard case .object = value else { throw invalid(path, "a node must be a JSON object") }
        guard let roleName = value["role"]?.stringValue else { throw invalid(path + ".role", "a node needs a \"role\" string") }
        var node = UINode(role: RoleMapper.role(web: roleName))
        if node.role == .unknown, roleName != "unknown" { node.attributes["source_role"] = roleName }
        node.name = try optionalString(value, "name", path: path)
        node.value = try optionalString(value, "value", path: path)
        node.id = try optionalString(value, "id", path: path)
        if let states = value["states"], !states.isNull {
            guard let list = states.arrayValue else { throw invalid(path + ".states", "\"states\" must be an array of names") }
            for (index, entry) in list.enumerated() {
                guard let name = entry.stringValue, let state = StateSet(name: name) else {
                    throw invalid(
                        "\(path).states[\(index)]", "unknown state; expected one of \(StateSet.named.map(\.name).joined(separator: ", "))")
                }
                node.states.insert(state)
            }
        }
        if let bounds = value["bounds"], !bounds.isNull {
            guard let numbers = bounds.arrayValue?.compactMap(\.numberValue), numbers.count == 4, numbers.allSatisfy(\.isFinite),
                numbers[2] >= 0, numbers[3] >= 0
            else { throw invalid(path + ".bounds", "\"bounds\" must be [x, y, width, height] with finite numbers and a non-negative size") }
            node.bounds = Bounds(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
        }
        if let attributes = value["attributes"], !attributes.isNull {
            guard let members = attributes.objectValue else {
                throw invalid(path + ".attributes", "\"attributes\" must be an object of strings")
            }
            for member in members {
                guard let string = member.value.stringValue else {
                    throw invalid("\(path).attributes.\(member.key)", "attribute values must be strings")
                }
                node.attributes[member.key] = string
            }
        }
        if let children = value["children"], !children.isNull {
            guard let list = children.arrayValue else { throw invalid(path + ".children", "\"children\" must be an array of nodes") }
            node.children.reserveCapacity(list.count)
            for (index, child) in list.enumerated() {
                node.children.append(try decodeNode(child, path: "\(path).children[\(index)]", depth: depth + 1, count: &count))
            }
        }
        return node
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
