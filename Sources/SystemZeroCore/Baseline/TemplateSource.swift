import Foundation

/// A template's content as its file gives it, before selectors are parsed and the reference tree is normalized.
///
/// This is what the template index cache keeps (``TemplateIndexCache``): rebuilding a template from it parses the
/// selectors and normalizes the reference again, so a change to the selector grammar, the normalizer or the
/// fingerprints never meets stale derived data; only the YAML reading is skipped.
struct TemplateSource: Sendable, Hashable {
    /// One `prominence` entry, as selector text.
    struct Prominence: Sendable, Hashable {
        var primary: String
        var alternative: String
        var maxRatio: Double
    }

    var screenID: String
    var app: String?
    var version: Int
    /// Selector text, the seed's `required_nodes` already turned into selectors.
    var required: [String]
    var forbidden: [String]
    var masks: [String]
    var prominence: [Prominence]
    var validTransitions: [String]
    var interstitial: Bool
    var layoutTolerance: Double
    /// The reference tree as decoded, not yet normalized.
    var reference: UINode?
    /// The declared structure signature.
    var structureSignature: String?
    /// The declared content signature (or the seed's `full_signature`).
    var contentSignature: String?

    /// The template, built as ``TemplateLoader`` builds it from YAML; `nil` when anything fails (the caller then reads
    /// the file itself, for an error message that names the line).
    func template(file: String) -> Template? {
        do throws(SelectorError) {
            var template = Template(screenID: screenID, file: file)
            template.app = app
            template.version = version
            template.required = try required.map { text throws(SelectorError) in try NodeSelector(text) }
            template.forbidden = try forbidden.map { text throws(SelectorError) in try NodeSelector(text) }
            template.masks = try masks.map { text throws(SelectorError) in try NodeSelector(text) }
            template.prominence = try prominence.map { entry throws(SelectorError) in
                Template.Prominence(
                    primary: try NodeSelector(entry.primary), alternative: try NodeSelector(entry.alternative), maxRatio: entry.maxRatio)
            }
            template.validTransitions = validTransitions
            template.interstitial = interstitial
            template.layoutTolerance = layoutTolerance
            template.reference = reference.map(Self.normalize(reference:))
            guard Self.sign(&template, structure: structureSignature, content: contentSignature) == nil else { return nil }
            return template
        } catch {
            return nil
        }
    }

    /// The selector for one of the seed's `required_nodes`: a node of any role with that name.
    static func nameSelector(_ name: String) -> String {
        NodeSelector.named(nil, name).source
    }

    /// The normalized reference tree.
    static func normalize(reference: UINode) -> UITree {
        Normalizer().normalize(Capture(tree: reference))
    }

    /// Sets the template's signatures from the declared ones and its reference; returns the problem when a declared
    /// structure signature does not match the reference.
    static func sign(_ template: inout Template, structure: String?, content: String?) -> String? {
        template.structureSignature = structure ?? template.reference?.structureSignature
        template.contentSignature = content
        if let reference = template.reference, let structure, structure != reference.structureSignature {
            return "does not match the reference tree (\(reference.structureSignature))"
        }
        return nil
    }
}
