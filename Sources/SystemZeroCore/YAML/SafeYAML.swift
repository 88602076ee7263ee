import Yams

/// Reads YAML that comes from outside (ARIA snapshots, templates, configuration) without the dangers of
/// a general YAML loader.
///
/// - Anchors and aliases are refused before Yams sees the text: its composer shares aliased nodes, so a
///   342-byte alias bomb composes into hundreds of millions of nodes for whoever walks it. Nothing
///   System//Zero reads needs them.
/// - Nesting is bounded before Yams sees the text, since its composer recurses once per level.
/// - Size and UTF-8 validity are checked first.
public enum SafeYAML {
    /// Composes one YAML document into a node tree, or `nil` for an empty document.
    public static func compose(_ bytes: [UInt8], limits: ImportLimits) throws(ImportError) -> Node? {
        guard bytes.count <= limits.maxBytes else {
            throw ImportError(.tooLarge(bytes: bytes.count, limit: limits.maxBytes))
        }
        let text = try UTF8Validation.string(from: bytes)
        try checkNesting(bytes, limits: limits)
        try checkNoAnchorsOrAliases(bytes)
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

    /// An upper bound on nesting from the text alone: flow brackets, indentation and `- ` indicators.
    /// Every YAML nesting level costs at least one of them, so the bound is never below the true depth.
    static func checkNesting(_ bytes: [UInt8], limits: ImportLimits) throws(ImportError) {
        // Indentation and sequence indicators may use several columns a level; allow for that.
        let blockLimit = limits.maxDepth * 4
        var flowDepth = 0
        var lineStart = true
        var lineDepth = 0
        var line = 1
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = true
                lineDepth = 0
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                if flowDepth > limits.maxDepth {
                    throw ImportError(.tooDeep(limit: limits.maxDepth), position: .line(line, column: 1))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flowDepth = max(0, flowDepth - 1)
            default: break
            }
            if lineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "\t") {
                    lineDepth += 1
                    if lineDepth > blockLimit {
                        throw ImportError(.tooDeep(limit: limits.maxDepth), position: .line(line, column: 1))
                    }
                } else {
                    lineStart = false
                }
            }
        }
    }

    /// Finds an anchor (`&name`) or alias (`*name`) indicator where a YAML node may start: after indentation,
    /// `- `, `? `, `: `, `[`, `{` or `,`, outside quoted scalars and comments. A plain scalar cannot start
    /// with either character, so valid YAML without anchors never trips this.
    static func checkNoAnchorsOrAliases(_ bytes: [UInt8]) throws(ImportError) {
        enum Quote { case none, single, double }
        var quote = Quote.none
        var atNodeStart = true
        var line = 1
        var column = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : UInt8(ascii: "\n")
            index += 1
            column += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 0
                if quote == .none { atNodeStart = true }
                continue
            }
            switch quote {
            case .single:
                if byte == UInt8(ascii: "'") {
                    if next == UInt8(ascii: "'") { index += 1; column += 1 } else { quote = .none; atNodeStart = false }
                }
                continue
            case .double:
                if byte == UInt8(ascii: "\\") {
                    index += 1; column += 1
                } else if byte == UInt8(ascii: "\"") {
                    quote = .none; atNodeStart = false
                }
                continue
            case .none:
                break
            }
            let followedBySpace =
                next == UInt8(ascii: " ") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") || next == UInt8(ascii: "\t")
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "&"), UInt8(ascii: "*"):
                if atNodeStart {
                    let what = byte == UInt8(ascii: "&") ? "anchors" : "aliases"
                    throw ImportError(.forbidden("YAML \(what) are not accepted"), position: .line(line, column: column))
                }
            case UInt8(ascii: "#"):
                if atNodeStart || (index >= 2 && bytes[index - 2] == UInt8(ascii: " ")) {
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                    continue
                }
                atNodeStart = false
            case UInt8(ascii: "-"), UInt8(ascii: "?"):
                if atNodeStart && followedBySpace { continue }
                atNodeStart = false
            case UInt8(ascii: ":"):
                if followedBySpace { atNodeStart = true; continue }
                atNodeStart = false
            case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","):
                atNodeStart = true
                continue
            case UInt8(ascii: "'"):
                if atNodeStart { quote = .single; continue }
                atNodeStart = false
            case UInt8(ascii: "\""):
                if atNodeStart { quote = .double; continue }
                atNodeStart = false
            default:
                atNodeStart = false
            }
        }
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
