import Yams

/// Reads a Playwright ARIA snapshot (`locator.ariaSnapshot()`, `toMatchAriaSnapshot`).
///
/// A snapshot is a YAML sequence; each item is `role "name" [attribute] [attribute=value]`, either alone or
/// as a key whose value is the node's text (a scalar) or its children (a sequence). The name is a quoted
/// string or a `/regex/` (kept with the attribute `name_is_regex`). Attributes: `checked`, `checked=mixed`,
/// `disabled`, `expanded`, `level=N`, `pressed`, `pressed=mixed`, `selected`, `active`. `- text: …` is a text
/// node, and a text field's text is its value; `- /url: …`, `- /placeholder: …` and `- /children: …` set attributes of the enclosing node.
/// The items become the children of a `document` root.
public struct AriaSnapshotImporter: Sendable {
    public var limits: ImportLimits

    public init(limits: ImportLimits = .default) {
        self.limits = limits
    }

    public func importCapture(_ bytes: [UInt8]) throws(ImportError) -> Capture {
        var root = UINode(role: .document)
        // As Playwright's own parser: a snapshot is a sequence. An empty one is no screen.
        guard let document = try SafeYAML.compose(bytes, limits: limits), case .sequence(let items) = document, !items.isEmpty else {
            throw ImportError(.invalidValue("an ARIA snapshot is a YAML sequence of nodes (\"- role \"name\"\"), and this one holds none"))
        }
        var count = 1
        try addItems(of: document, to: &root, depth: 2, count: &count)
        return Capture(source: "playwright-aria", tree: root)
    }

    private func addItems(of node: Node, to parent: inout UINode, depth: Int, count: inout Int) throws(ImportError) {
        switch node {
        case .sequence(let sequence):
            for item in sequence { try addItem(item, to: &parent, depth: depth, count: &count) }
        case .mapping:
            try addItem(node, to: &parent, depth: depth, count: &count)
        case .scalar(let scalar):
            try addText(scalar.string, to: &parent, at: node, depth: depth, count: &count)
        case .alias:
            throw ImportError(.forbidden("YAML aliases are not accepted"), position: SafeYAML.position(of: node))
        }
    }

    private func addItem(_ item: Node, to parent: inout UINode, depth: Int, count: inout Int) throws(ImportError) {
        guard depth <= limits.maxDepth else { throw ImportError(.tooDeep(limit: limits.maxDepth), position: SafeYAML.position(of: item)) }
        switch item {
        case .scalar(let scalar):
            try append(try parseKey(scalar.string, at: item), to: &parent, count: &count, at: item)
        case .mapping(let mapping):
            for (keyNode, valueNode) in mapping {
                guard let key = keyNode.scalar?.string else {
                    throw ImportError(.invalidValue("an ARIA snapshot key must be text"), position: SafeYAML.position(of: keyNode))
                }
                if key.hasPrefix("/") {
                    guard let value = valueNode.scalar?.string else {
                        throw ImportError(.invalidValue("\(key) needs a text value"), position: SafeYAML.position(of: valueNode))
                    }
                    parent.attributes[String(key.dropFirst())] = value
                    continue
                }
                var node = try parseKey(key, at: keyNode)
                switch valueNode {
                case .scalar(let scalar):
                    let text = scalar.string
                    if [.textbox, .searchbox, .combobox, .spinbutton, .slider].contains(node.role) {
                        node.value = text.isEmpty ? nil : text
                    } else if node.role == .text || node.name == nil {
                        node.name = text
                    } else if !text.isEmpty {
                        count += 1
                        node.children.append(UINode(role: .text, name: text))
                    }
                case .sequence, .mapping:
                    try addItems(of: valueNode, to: &node, depth: depth + 1, count: &count)
                case .alias:
                    throw ImportError(.forbidden("YAML aliases are not accepted"), position: SafeYAML.position(of: valueNode))
                }
                try append(node, to: &parent, count: &count, at: keyNode)
            }
        case .sequence:
            try addItems(of: item, to: &parent, depth: depth + 1, count: &count)
        case .alias:
            throw ImportError(.forbidden("YAML aliases are not accepted"), position: SafeYAML.position(of: item))
        }
    }

    private func addText(_ text: String, to parent: inout UINode, at node: Node, depth: Int, count: inout Int) throws(ImportError) {
        try append(UINode(role: .text, name: text), to: &parent, count: &count, at: node)
    }

    private func append(_ node: UINode, to parent: inout UINode, count: inout Int, at source: Node) throws(ImportError) {
        count += 1
        guard count <= limits.maxNodes else {
            throw ImportError(.tooManyNodes(limit: limits.maxNodes), position: SafeYAML.position(of: source))
        }
        parent.children.append(node)
    }

    /// Parses `role "name" [attr] [attr=value]`.
    func parseKey(_ key: String, at source: Node) throws(ImportError) -> UINode {
        var scanner = KeyScanner(text: Array(key.unicodeScalars))
        func fail(_ message: String) -> ImportError {
            ImportError(.invalidValue("ARIA key \"\(key)\": \(message)"), position: SafeYAML.position(of: source))
        }
        scanner.skipSpaces()
        let roleName = scanner.take { $0.properties.isAlphabetic || $0 == "-" }
        guard !roleName.isEmpty else { throw fail("expected a role") }
        var node = UINode(role: RoleMapper.role(web: roleName))
        if node.role == .unknown { node.attributes["source_role"] = roleName }
        scanner.skipSpaces()
        if scanner.peek == "\"" {
            guard let name = scanner.quoted() else { throw fail("the quoted name is not closed") }
            node.name = name
        } else if scanner.peek == "/" {
            guard let pattern = scanner.regex() else { throw fail("the /regex/ name is not closed") }
            node.name = pattern
            node.attributes["name_is_regex"] = "true"
        }
        while true {
            scanner.skipSpaces()
            guard let next = scanner.peek else { break }
            guard next == "[" else { throw fail("unexpected \"\(next)\"; attributes go in [brackets]") }
            guard let attribute = scanner.bracketed() else { throw fail("an attribute's [ is not closed") }
            let parts = attribute.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let name = parts[0]
            let value = parts.count > 1 ? parts[1] : nil
            switch (name, value) {
            case ("checked", nil), ("checked", "true"): node.states.insert(.checked)
            case ("checked", "mixed"): node.states.insert(.mixed)
            case ("pressed", nil), ("pressed", "true"): node.states.insert(.pressed)
            case ("pressed", "mixed"): node.states.insert(.mixed)
            case ("disabled", nil), ("disabled", "true"): node.states.insert(.disabled)
            case ("expanded", nil), ("expanded", "true"): node.states.insert(.expanded)
            case ("selected", nil), ("selected", "true"): node.states.insert(.selected)
            case ("active", nil), ("active", "true"): node.states.insert(.focused)
            case ("checked", "false"), ("pressed", "false"), ("disabled", "false"), ("selected", "false"), ("active", "false"):
                break
            case ("expanded", "false"): node.states.insert(.collapsed)
            case ("level", let level?):
                guard Int(level) != nil else { throw fail("level must be a whole number") }
                node.attributes["level"] = level
            default:
                throw fail("unknown attribute [\(attribute)]")
            }
        }
        return node
    }

    private struct KeyScanner {
        let text: [Unicode.Scalar]
        var index = 0

        var peek: Unicode.Scalar? { index < text.count ? text[index] : nil }

        mutating func skipSpaces() {
            while let next = peek, next == " " || next == "\t" { index += 1 }
        }

        mutating func take(while predicate: (Unicode.Scalar) -> Bool) -> String {
            var out = String.UnicodeScalarView()
            while let next = peek, predicate(next) {
                out.append(next)
                index += 1
            }
            return String(out)
        }

        /// A double-quoted string with backslash escapes; the scanner stands on the opening quote.
        mutating func quoted() -> String? {
            index += 1
            var out = String.UnicodeScalarView()
            while let next = peek {
                index += 1
                if next == "\"" { return String(out) }
                if next == "\\", let escaped = peek {
                    index += 1
                    switch escaped {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    default: out.append(escaped)
                    }
                } else {
                    out.append(next)
                }
            }
            return nil
        }

        /// A /regex/ with `\/` escapes, returned with its slashes; the scanner stands on the opening slash.
        mutating func regex() -> String? {
            let start = index
            index += 1
            while let next = peek {
                index += 1
                if next == "\\" {
                    index += 1
                } else if next == "/" {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: text[start..<index])
                    return String(view)
                }
            }
            return nil
        }

        mutating func bracketed() -> String? {
            index += 1
            var out = String.UnicodeScalarView()
            while let next = peek {
                index += 1
                if next == "]" { return String(out) }
                out.append(next)
            }
            return nil
        }
    }
}
