import Yams

/// Reads YAML that comes from outside (ARIA snapshots, templates, configuration) without the dangers of
/// a general YAML loader.
///
/// - Anchors and aliases are refused before Yams sees the text (``YAMLPreflight``): its composer shares aliased
///   nodes, so a 342-byte alias bomb composes into hundreds of millions of nodes for whoever walks it. Nothing
///   System//Zero reads needs them.
/// - Nesting is bounded before Yams sees the text, since its composer recurses once per level; brackets inside
///   quoted and plain scalars are text, as in YAML.
/// - Size and UTF-8 validity are checked first.
public enum SafeYAML {
    /// Composes one YAML document into a node tree, or `nil` for an empty document.
    public static func compose(_ bytes: [UInt8], limits: ImportLimits) throws(ImportError) -> Node? {
        guard bytes.count <= limits.maxBytes else {
            throw ImportError(.tooLarge(bytes: bytes.count, limit: limits.maxBytes))
        }
        let text = try UTF8Validation.string(from: bytes)
        try YAMLPreflight.check(bytes, limits: limits)
        let node: Node?
        do {
            // The basic resolver tags every scalar as a string; callers read numbers and booleans from the text
            // themselves. Yams' default resolver runs a regular expression per scalar, which dominates load time.
            // The encoding is given so that Yams does not read the environment for its default on every call.
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw ImportError(.malformed("YAML: \(problem(of: error))"), position: position(of: error))
        } catch {
            throw ImportError(.malformed("YAML: \(error)"))
        }
        if let node { try checkNoAliases(node, limits: limits, depth: 1) }
        return node
    }

    static func checkNoAliases(_ node: Node, limits: ImportLimits, depth: Int) throws(ImportError) {
        guard depth <= limits.maxDepth else {
            throw ImportError(.tooDeep(limit: limits.maxDepth), position: position(of: node))
        }
        switch node {
        case .alias:
            throw ImportError(.forbidden("YAML aliases are not accepted"), position: position(of: node))
        case .scalar(let scalar):
            if scalar.string.utf8.count > limits.maxStringLength {
                throw ImportError(.stringTooLong(limit: limits.maxStringLength), position: position(of: node))
            }
        case .mapping(let mapping):
            for (key, value) in mapping {
                try checkNoAliases(key, limits: limits, depth: depth + 1)
                try checkNoAliases(value, limits: limits, depth: depth + 1)
            }
        case .sequence(let sequence):
            for element in sequence {
                try checkNoAliases(element, limits: limits, depth: depth + 1)
            }
        }
    }

    /// The line and column of a composed node.
    public static func position(of node: Node) -> SourcePosition? {
        node.mark.map { .line($0.line, column: $0.column) }
    }

    static func position(of error: YamlError) -> SourcePosition? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return .line(mark.line, column: mark.column)
        default:
            return nil
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
