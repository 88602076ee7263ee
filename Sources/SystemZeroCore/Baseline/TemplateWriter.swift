/// Writes a template as YAML, the same bytes for the same template: keys in a fixed order, every string
/// double-quoted (``YAMLScalar/doubleQuoted(_:)``: JSON's escapes, and YAML's for what a YAML reader refuses raw), the
/// reference tree as nested block mappings. ``TemplateLoader`` reads back exactly what this writes.
public enum TemplateWriter {
    public static func yaml(_ template: Template) -> String {
        var lines: [String] = []
        lines.append("screen_id: \(quote(template.screenID))")
        if let app = template.app { lines.append("app: \(quote(app))") }
        lines.append("version: \(template.version)")
        list("required", template.required.map(\.source), into: &lines)
        list("forbidden", template.forbidden.map(\.source), into: &lines)
        list("masks", template.masks.map(\.source), into: &lines)
        if !template.prominence.isEmpty {
            lines.append("prominence:")
            for entry in template.prominence {
                lines.append(
                    "  - {primary: \(quote(entry.primary.source)), alternative: \(quote(entry.alternative.source)), "
                        + "max_ratio: \(JSONWriter.number(entry.maxRatio))}")
            }
        }
        list("valid_transitions", template.validTransitions, into: &lines)
        if template.interstitial { lines.append("interstitial: true") }
        lines.append("layout_tolerance: \(JSONWriter.number(template.layoutTolerance))")
        if let signature = template.structureSignature { lines.append("structure_signature: \(quote(signature))") }
        if let signature = template.contentSignature { lines.append("content_signature: \(quote(signature))") }
        if let reference = template.reference {
            lines.append("reference:")
            node(reference, 0, indent: "  ", into: &lines)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The template's YAML after reading it back with `loader` (the loader every command and the server start
    /// with): it must load and write the same bytes again, so that nothing is stored that cannot be read again —
    /// a tree too deep or too large for the loader's limits is refused here, before any file is replaced.
    public static func checkedYAML(_ template: Template, loader: TemplateLoader = TemplateLoader()) throws(TemplateError) -> String {
        let text = yaml(template)
        let reread: Template
        do {
            reread = try loader.load(Array(text.utf8), file: template.file)
        } catch {
            throw TemplateError(file: template.file, message: "the template would not read back (\(error.message)), so it was not written")
        }
        guard yaml(reread) == text else {
            throw TemplateError(file: template.file, message: "the template does not read back as written, so it was not written")
        }
        return text
    }

    private static func list(_ key: String, _ values: [String], into lines: inout [String]) {
        if values.isEmpty {
            lines.append("\(key): []")
        } else {
            lines.append("\(key):")
            for value in values { lines.append("  - \(quote(value))") }
        }
    }

    private static func node(_ tree: UITree, _ index: Int, indent: String, into lines: inout [String]) {
        let node = tree.nodes[index]
        lines.append("\(indent)role: \(node.role.rawValue)")
        if let name = node.name { lines.append("\(indent)name: \(quote(name))") }
        if let value = node.value { lines.append("\(indent)value: \(quote(value))") }
        if let id = node.id { lines.append("\(indent)id: \(quote(id))") }
        if !node.states.isEmpty { lines.append("\(indent)states: [\(node.states.names.joined(separator: ", "))]") }
        if let bounds = node.bounds { lines.append("\(indent)bounds: [\(bounds.array.map(JSONWriter.number).joined(separator: ", "))]") }
        let children = tree.children(of: index)
        guard !children.isEmpty else { return }
        lines.append("\(indent)children:")
        for child in children {
            var childLines: [String] = []
            Self.node(tree, child, indent: indent + "    ", into: &childLines)
            if let first = childLines.first {
                childLines[0] = indent + "  - " + first.dropFirst(indent.count + 4)
            }
            lines.append(contentsOf: childLines)
        }
    }

    static func quote(_ text: String) -> String {
        YAMLScalar.doubleQuoted(text)
    }
}
