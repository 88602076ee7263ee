extension UITree {
    /// The normalized tree as JSON: the capture's fields, both signatures, and the tree with each node's class.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let app { members.append(("app", .string(app))) }
        if let session { members.append(("session", .string(session))) }
        if let capturedAt { members.append(("captured_at", .string(capturedAt))) }
        if let source { members.append(("source", .string(source))) }
        if let viewport { members.append(("viewport", ["width": .number(viewport.width), "height": .number(viewport.height)])) }
        members.append(("node_count", .number(Double(count))))
        members.append(("structure_signature", .string(structureSignature)))
        members.append(("content_signature", .string(contentSignature)))
        members.append(("tree", nodeJSON(0)))
        return .object(members)
    }

    private func nodeJSON(_ index: Int) -> JSONValue {
        guard
            case .object(var members) = NativeCaptureCodec.encode(
                UINode(
                    role: nodes[index].role, name: nodes[index].name, value: nodes[index].value, id: nodes[index].id,
                    states: nodes[index].states, bounds: nodes[index].bounds, attributes: nodes[index].attributes))
        else { return .null }
        members.append(("class", .string(nodes[index].nodeClass.rawValue)))
        let children = children(of: index)
        if !children.isEmpty { members.append(("children", .array(children.map(nodeJSON)))) }
        return .object(members)
    }

    /// An indented outline, one node a line: role, name, value, states and class.
    public var outline: String {
        var lines = [
            "structure \(structureSignature)",
            "content   \(contentSignature)",
            "\(count) node\(count == 1 ? "" : "s")",
        ]
        for node in nodes {
            var line = String(repeating: "  ", count: node.depth) + node.role.rawValue
            if let id = node.id { line += " #\(id)" }
            if let name = node.name { line += " \"\(name)\"" }
            if let value = node.value { line += " = \"\(value)\"" }
            if !node.states.isEmpty { line += " [\(node.states.names.joined(separator: ", "))]" }
            line += "  (\(node.nodeClass.rawValue))"
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
