import Foundation
import Yams

/// Reads and validates template YAML.
///
/// Both forms load: the current one (`docs/TEMPLATES.md`) and the seed's older one (`screen_id`, `required_nodes` as bare
/// names, `structure_signature`, `full_signature`, `valid_transitions`). Unknown keys, bad selectors and bad regular
/// expressions are errors that name the file, the line and the field.
public struct TemplateLoader: Sendable {
    public var limits: ImportLimits

    public init(limits: ImportLimits = ImportLimits(maxBytes: 8 << 20)) {
        self.limits = limits
    }

    static let knownKeys: Set<String> = [
        "screen_id", "app", "version", "required", "forbidden", "masks", "prominence", "valid_transitions", "interstitial",
        "layout_tolerance", "reference", "structure_signature", "content_signature", "description",
        // The seed's older form.
        "required_nodes", "full_signature",
    ]

    /// Reads a template file.
    public func load(path: String) throws(TemplateError) -> Template {
        let bytes: [UInt8]
        do {
            bytes = try CaptureImporter.readFile(atPath: path, limit: limits.maxBytes)
        } catch {
            throw TemplateError(file: path, message: error.description)
        }
        return try load(bytes, file: path)
    }

    /// Reads template YAML.
    public func load(_ bytes: [UInt8], file: String? = nil) throws(TemplateError) -> Template {
        try read(bytes, file: file).template
    }

    /// Reads a template file, with the content it was made from (for the index cache).
    func read(path: String) throws(TemplateError) -> (template: Template, source: TemplateSource) {
        let bytes: [UInt8]
        do {
            bytes = try CaptureImporter.readFile(atPath: path, limit: limits.maxBytes)
        } catch {
            throw TemplateError(file: path, message: error.description)
        }
        return try read(bytes, file: path)
    }

    /// Reads template YAML into a template and the content it was made from (for the index cache).
    func read(_ bytes: [UInt8], file: String?) throws(TemplateError) -> (template: Template, source: TemplateSource) {
        let root: Node
        do throws(ImportError) {
            guard let node = try SafeYAML.compose(bytes, limits: limits) else { throw ImportError(.invalidValue("the template is empty")) }
            root = node
        } catch {
            var line: Int?
            if case .line(let number, _) = error.position { line = number }
            throw TemplateError(file: file, line: line, message: ImportError(error.reason).description)
        }
        guard let mapping = root.mapping else {
            throw TemplateError(file: file, line: root.mark?.line, message: "a template is a YAML mapping")
        }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw TemplateError(file: file, line: key.mark?.line, message: "keys must be text") }
            guard Self.knownKeys.contains(name) else {
                throw TemplateError(file: file, line: key.mark?.line, field: name, message: "unknown key")
            }
            fields[name] = value
        }
        func fail(_ field: String, _ message: String) -> TemplateError {
            TemplateError(file: file, line: fields[field]?.mark?.line, field: field, message: message)
        }
        func string(_ field: String) throws(TemplateError) -> String? {
            guard let node = fields[field], node.null == nil else { return nil }
            guard let text = node.scalar?.string else { throw fail(field, "must be text") }
            return text
        }
        func strings(_ field: String) throws(TemplateError) -> [String] {
            guard let node = fields[field], node.null == nil else { return [] }
            guard let sequence = node.sequence else { throw fail(field, "must be a list") }
            var result: [String] = []
            for item in sequence {
                guard let text = item.scalar?.string else {
                    throw TemplateError(file: file, line: item.mark?.line, field: field, message: "must be a list of text")
                }
                result.append(text)
            }
            return result
        }
        func selectors(_ field: String) throws(TemplateError) -> [NodeSelector] {
            var result: [NodeSelector] = []
            for (offset, text) in try strings(field).enumerated() {
                do {
                    result.append(try NodeSelector(text))
                } catch {
                    let line = fields[field]?.sequence.map { Array($0) }?[offset].mark?.line
                    throw TemplateError(file: file, line: line, field: field, message: error.description)
                }
            }
            return result
        }

        guard let screenID = try string("screen_id"), !screenID.isEmpty else {
            throw TemplateError(file: file, line: root.mark?.line, field: "screen_id", message: "is required")
        }
        guard screenID.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else {
            throw fail("screen_id", "may hold only letters, digits, _, - and .")
        }
        var template = Template(screenID: screenID, file: file)
        template.app = try string("app")
        if let version = fields["version"], version.null == nil {
            guard let number = version.int, number >= 1 else { throw fail("version", "must be a whole number from 1") }
            template.version = number
        }
        template.required = try selectors("required")
        // The seed's `required_nodes` are bare names: a node of any role with that name or id.
        for name in try strings("required_nodes") {
            let line = fields["required_nodes"]?.mark?.line
            template.required.append(try Self.selector(TemplateSource.nameSelector(name), file: file, line: line, field: "required_nodes"))
        }
        template.forbidden = try selectors("forbidden")
        template.masks = try selectors("masks")
        template.validTransitions = try strings("valid_transitions")
        var referenceTree: UINode?
        if let node = fields["interstitial"], node.null == nil {
            guard let flag = node.bool else { throw fail("interstitial", "must be true or false") }
            template.interstitial = flag
        }
        if let node = fields["layout_tolerance"], node.null == nil {
            guard let value = node.float, value >= 0, value <= 1 else { throw fail("layout_tolerance", "must be a number from 0 to 1") }
            template.layoutTolerance = value
        }
        if let node = fields["prominence"], node.null == nil {
            guard let sequence = node.sequence else { throw fail("prominence", "must be a list of {primary, alternative, max_ratio}") }
            for item in sequence {
                let line = item.mark?.line
                guard let entry = item.mapping else {
                    throw TemplateError(
                        file: file, line: line, field: "prominence", message: "each entry is {primary, alternative, max_ratio}")
                }
                var primary: NodeSelector?
                var alternative: NodeSelector?
                var ratio = 2.0
                for (key, value) in entry {
                    let name = key.string ?? ""
                    switch name {
                    case "primary": primary = try Self.selector(value.string ?? "", file: file, line: line, field: "prominence.primary")
                    case "alternative":
                        alternative = try Self.selector(value.string ?? "", file: file, line: line, field: "prominence.alternative")
                    case "max_ratio":
                        guard let number = value.float, number >= 1 else {
                            throw TemplateError(file: file, line: line, field: "prominence.max_ratio", message: "must be a number ≥ 1")
                        }
                        ratio = number
                    default:
                        throw TemplateError(file: file, line: key.mark?.line, field: "prominence.\(name)", message: "unknown key")
                    }
                }
                guard let primary, let alternative else {
                    throw TemplateError(file: file, line: line, field: "prominence", message: "needs both primary and alternative")
                }
                template.prominence.append(Template.Prominence(primary: primary, alternative: alternative, maxRatio: ratio))
            }
        }
        if let node = fields["reference"], node.null == nil {
            do throws(ImportError) {
                let capture = try NativeCaptureCodec(limits: limits).decode(.object([("tree", YAMLBridge.json(node))]))
                referenceTree = capture.tree
                template.reference = TemplateSource.normalize(reference: capture.tree)
            } catch {
                var description = error.description
                description = description.replacingOccurrences(of: "$.tree", with: "reference")
                throw TemplateError(file: file, line: node.mark?.line, field: "reference", message: description)
            }
        }
        let declaredStructure = try string("structure_signature")
        let declaredContent = try string("content_signature")
        let declaredFull = try string("full_signature")
        if let message = TemplateSource.sign(&template, structure: declaredStructure, content: declaredContent ?? declaredFull) {
            throw fail("structure_signature", message)
        }
        let source = TemplateSource(
            screenID: screenID, app: template.app, version: template.version, required: template.required.map(\.source),
            forbidden: template.forbidden.map(\.source), masks: template.masks.map(\.source),
            prominence: template.prominence.map {
                .init(primary: $0.primary.source, alternative: $0.alternative.source, maxRatio: $0.maxRatio)
            },
            validTransitions: template.validTransitions, interstitial: template.interstitial, layoutTolerance: template.layoutTolerance,
            reference: referenceTree, structureSignature: declaredStructure, contentSignature: declaredContent ?? declaredFull)
        return (template, source)
    }

    static func selector(_ text: String, file: String?, line: Int?, field: String) throws(TemplateError) -> NodeSelector {
        do {
            return try NodeSelector(text)
        } catch {
            throw TemplateError(file: file, line: line, field: field, message: error.description)
        }
    }
}
