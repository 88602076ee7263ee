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
        if let capture = try NativeFastDecoder(codec: self).decode(bytes) { return capture }
        return try decode(JSONParser(limits: limits).parse(bytes))
    }

    /// Parses native capture JSON and normalizes it: `normalizer.normalize(try decode(bytes))`, in one pass over
    /// the bytes for the usual document (no ``UINode`` tree is built).
    public func decodeTree(_ bytes: [UInt8], normalizer: Normalizer) throws(ImportError) -> UITree {
        if let tree = try NativeFastDecoder(codec: self).decodeTree(bytes, normalizer: normalizer) { return tree }
        return normalizer.normalize(try decode(bytes))
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
        let viewport = try viewport(in: document)
        return Capture(
            app: try optionalString(document, "app", path: "$"),
            session: try optionalString(document, "session", path: "$"),
            capturedAt: try optionalString(document, "captured_at", path: "$"),
            source: try optionalString(document, "source", path: "$"),
            viewport: viewport,
            tree: tree
        )
    }

    /// The document's viewport, if it has one.
    func viewport(in document: JSONValue) throws(ImportError) -> Viewport? {
        guard let value = document["viewport"], !value.isNull else { return nil }
        guard let width = value["width"]?.numberValue, let height = value["height"]?.numberValue,
            width.isFinite, height.isFinite, width >= 0, height >= 0
        else { throw invalid("$.viewport", "the viewport needs a non-negative \"width\" and \"height\"") }
        return Viewport(width: width, height: height)
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

    /// Where the first member of each name a node reads is (`JSONValue` subscript semantics), found in one pass;
    /// `-1` when there is none.
    private struct NodeMembers {
        var role = -1
        var name = -1
        var value = -1
        var id = -1
        var states = -1
        var bounds = -1
        var attributes = -1
        var children = -1

        init(_ members: [(key: String, value: JSONValue)]) {
            for index in members.indices {
                switch members[index].key.utf8.count {
                case 2: if id < 0, members[index].key == "id" { id = index }
                case 4:
                    if role < 0, members[index].key == "role" {
                        role = index
                    } else if name < 0, members[index].key == "name" {
                        name = index
                    }
                case 5: if value < 0, members[index].key == "value" { value = index }
                case 6:
                    if states < 0, members[index].key == "states" {
                        states = index
                    } else if bounds < 0, members[index].key == "bounds" {
                        bounds = index
                    }
                case 8: if children < 0, members[index].key == "children" { children = index }
                case 10: if attributes < 0, members[index].key == "attributes" { attributes = index }
                default: break
                }
            }
        }
    }

    private func decodeNode(_ node: JSONValue, path: inout NodePath, depth: Int, count: inout Int) throws(ImportError) -> UINode {
        guard depth <= limits.maxDepth else { throw ImportError(.tooDeep(limit: limits.maxDepth), position: .path(path.text)) }
        count += 1
        guard count <= limits.maxNodes else { throw ImportError(.tooManyNodes(limit: limits.maxNodes), position: .path(path.text)) }
        guard case .object(let objectMembers) = node else { throw invalid(path.text, "a node must be a JSON object") }
        let members = NodeMembers(objectMembers)
        var node = try decodeFields(objectMembers, members, path: path)
        if members.children >= 0, case let children = objectMembers[members.children].value, !children.isNull {
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

    /// A node's own fields, checked in the documented order (children are the caller's). Kept out of
    /// ``decodeNode(_:path:depth:count:)`` so that the recursion takes little stack per level.
    @inline(never)
    private func decodeFields(
        _ objectMembers: [(key: String, value: JSONValue)], _ members: NodeMembers, path: NodePath
    ) throws(ImportError) -> UINode {
        guard members.role >= 0, case .string(let roleName) = objectMembers[members.role].value else {
            throw invalid(path.text + ".role", "a node needs a \"role\" string")
        }
        var node = UINode(role: NativeFastDecoder.role(named: roleName))
        if node.role == .unknown, roleName != "unknown" { node.attributes["source_role"] = roleName }
        node.name = try optionalString(objectMembers, members.name, "name", path: path)
        node.value = try optionalString(objectMembers, members.value, "value", path: path)
        node.id = try optionalString(objectMembers, members.id, "id", path: path)
        if members.states >= 0, case let states = objectMembers[members.states].value, !states.isNull {
            guard let list = states.arrayValue else { throw invalid(path.text + ".states", "\"states\" must be an array of names") }
            for (index, entry) in list.enumerated() {
                guard let name = entry.stringValue, let state = StateSet(name: name) else {
                    throw invalid(
                        "\(path.text).states[\(index)]",
                        "unknown state; expected one of \(StateSet.named.map(\.name).joined(separator: ", "))")
                }
                node.states.insert(state)
            }
        }
        if members.bounds >= 0, case let bounds = objectMembers[members.bounds].value, !bounds.isNull {
            // The numbers among the elements (others are passed over) must be exactly four.
            var numbers: (Double, Double, Double, Double) = (0, 0, 0, 0)
            var numberCount = 0
            if case .array(let elements) = bounds {
                for element in elements {
                    guard case .number(let number) = element else { continue }
                    switch numberCount {
                    case 0: numbers.0 = number
                    case 1: numbers.1 = number
                    case 2: numbers.2 = number
                    case 3: numbers.3 = number
                    default: break
                    }
                    numberCount += 1
                }
            }
            guard case .array = bounds, numberCount == 4, numbers.0.isFinite, numbers.1.isFinite, numbers.2.isFinite,
                numbers.3.isFinite, numbers.2 >= 0, numbers.3 >= 0
            else {
                throw invalid(path.text + ".bounds", "\"bounds\" must be [x, y, width, height] with finite numbers and a non-negative size")
            }
            node.bounds = Bounds(x: numbers.0, y: numbers.1, width: numbers.2, height: numbers.3)
        }
        if members.attributes >= 0, case let attributes = objectMembers[members.attributes].value, !attributes.isNull {
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
        return node
    }

    private func optionalString(
        _ members: [(key: String, value: JSONValue)], _ index: Int, _ key: String, path: NodePath
    ) throws(ImportError) -> String? {
        guard index >= 0 else { return nil }
        let value = members[index].value
        if case .null = value { return nil }
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

    /// A normalized tree as canonical native JSON: `JSONWriter(style: .canonical).bytes(encode(tree.capture))`,
    /// written straight from the tree's nodes.
    public static func canonicalBytes(_ tree: UITree) -> [UInt8] {
        NativeCanonicalWriter.bytes(tree)
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
