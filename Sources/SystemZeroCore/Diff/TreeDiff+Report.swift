extension TreeDiff {
    /// The fixed `--json` form:
    /// `{"before": "<content sig>", "after": "<content sig>", "changes": [{"kind", "path", "role", "name", "fields",
    /// "before": {…}, "after": {…}}]}`. `before` is absent for added nodes and `after` for removed ones; `name` is
    /// `null` when the node has none. Node summaries hold `role`, `name`, `value`, `id`, `states` and `bounds`.
    public var json: JSONValue {
        .object([
            ("before", .string(before.contentSignature)),
            ("after", .string(after.contentSignature)),
            ("changes", .array(changes.map(json(for:)))),
        ])
    }

    private func json(for change: TreeChange) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("kind", .string(change.kind.rawValue)),
            ("path", .string(change.path)),
            ("role", .string(change.role.rawValue)),
            ("name", .optional(change.name)),
            ("fields", .array(change.fields.map { .string($0.rawValue) })),
        ]
        if let index = change.beforeIndex { members.append(("before", Self.summary(before.nodes[index]))) }
        if let index = change.afterIndex { members.append(("after", Self.summary(after.nodes[index]))) }
        if change.subtreeSize > 1 { members.append(("subtree_size", .number(Double(change.subtreeSize)))) }
        return .object(members)
    }

    /// A node's own fields as JSON.
    public static func summary(_ node: UITree.Node) -> JSONValue {
        .object([
            ("role", .string(node.role.rawValue)),
            ("name", .optional(node.name)),
            ("value", .optional(node.value)),
            ("id", .optional(node.id)),
            ("states", .array(node.states.names.map(JSONValue.string))),
            ("bounds", node.bounds.map { .array($0.array.map(JSONValue.number)) } ?? .null),
        ])
    }

    /// A human-readable report, one line per change.
    public var report: String {
        guard !changes.isEmpty else { return "no differences (content \(before.contentSignature.prefix(12)))\n" }
        var lines: [String] = []
        let counts = Dictionary(grouping: changes, by: \.kind).mapValues(\.count)
        lines.append(
            "\(changes.count) change\(changes.count == 1 ? "" : "s"): "
                + TreeChange.Kind.allOrdered.compactMap { kind in counts[kind].map { "\($0) \(kind.rawValue)" } }.joined(separator: ", "))
        for change in changes {
            switch change.kind {
            case .added, .removed:
                let extra = change.subtreeSize > 1 ? " (\(change.subtreeSize) nodes)" : ""
                lines.append("  \(change.kind == .added ? "+" : "-") \(change.path)\(extra)")
            case .moved:
                let from = change.beforeIndex.map { before.path(of: $0) } ?? "?"
                lines.append("  ↷ \(change.path)  (was \(from))")
            case .changed:
                lines.append("  ~ \(change.path)")
                guard let a = change.beforeIndex, let b = change.afterIndex else { continue }
                for field in change.fields {
                    lines.append(
                        "      \(field.rawValue): \(Self.describe(field, before.nodes[a])) → \(Self.describe(field, after.nodes[b]))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ field: TreeChange.Field, _ node: UITree.Node) -> String {
        switch field {
        case .role: node.role.rawValue
        case .name: node.name.map { "\"\($0)\"" } ?? "(none)"
        case .value: node.value.map { "\"\($0)\"" } ?? "(none)"
        case .states: "[\(node.states.names.joined(separator: ", "))]"
        case .bounds: node.bounds.map { "[\($0.array.map { JSONWriter.number($0) }.joined(separator: ", "))]" } ?? "(none)"
        }
    }
}

extension TreeChange.Kind {
    /// The order changes are listed in.
    public static let allOrdered: [TreeChange.Kind] = [.removed, .added, .changed, .moved]
}

extension JSONWriter {
    /// A number as the canonical writer prints it.
    public static func number(_ value: Double) -> String {
        var out: [UInt8] = []
        writeNumber(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
