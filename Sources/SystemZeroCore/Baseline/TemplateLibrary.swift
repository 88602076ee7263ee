import Foundation

/// A set of templates with the indexes that make matching fast: templates by exact structure signature, and an
/// inverted index from tokens (ids, role-and-name pairs) to the templates whose required selectors name them.
public struct TemplateLibrary: Sendable {
    public private(set) var templates: [Template]
    var byStructure: [String: [Int]] = [:]
    var byToken: [String: [Int]] = [:]
    /// Per template: the structure hashes of its reference's nodes, and its role counts.
    var referenceShapes: [Set<UInt64>] = []
    var roleCounts: [[Role: Int]] = []
    /// The catch-all templates' indices.
    var catchAlls: [Int] = []

    public init(templates: [Template]) {
        self.templates = templates.sorted { $0.screenID < $1.screenID }
        for (index, template) in self.templates.enumerated() {
            if let signature = template.structureSignature { byStructure[signature, default: []].append(index) }
            for token in Self.tokens(of: template) { byToken[token, default: []].append(index) }
            referenceShapes.append(Set(template.reference?.nodes.map(\.structureHash) ?? []))
            roleCounts.append(Self.roleCounts(template.reference?.nodes ?? []))
            if template.isCatchAll { catchAlls.append(index) }
        }
    }

    /// Loads every `.yaml`/`.yml` file of a folder (not recursive). Two templates with one screen id are an error.
    public static func load(directory: String, loader: TemplateLoader = TemplateLoader()) throws(TemplateError) -> TemplateLibrary {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw TemplateError(file: directory, message: "cannot read the template folder")
        }
        var templates: [Template] = []
        var seen: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (directory as NSString).appendingPathComponent(name)
            let template = try loader.load(path: path)
            if let other = seen.updateValue(path, forKey: template.screenID) {
                throw TemplateError(file: path, field: "screen_id", message: "\"\(template.screenID)\" is also defined in \(other)")
            }
            templates.append(template)
        }
        return TemplateLibrary(templates: templates)
    }

    /// The template with this screen id.
    public func template(_ screenID: String) -> Template? {
        templates.first { $0.screenID == screenID }
    }

    static func tokens(of template: Template) -> Set<String> {
        var tokens = Set<String>()
        for selector in template.required {
            if let id = selector.id { tokens.insert("#" + id) }
            if let name = selector.exactName { tokens.insert("=" + name) }
        }
        return tokens
    }

    /// The tokens a capture offers: each id (and Android id without package) and each name.
    static func tokens(of tree: UITree) -> Set<String> {
        var tokens = Set<String>()
        tokens.reserveCapacity(tree.count * 2)
        for node in tree.nodes {
            if let id = node.id {
                tokens.insert("#" + id)
                tokens.insert("#" + UITree.shortID(id))
            }
            if let name = node.name { tokens.insert("=" + name) }
        }
        return tokens
    }

    static func roleCounts(_ nodes: [UITree.Node]) -> [Role: Int] {
        var counts: [Role: Int] = [:]
        for node in nodes { counts[node.role, default: 0] += 1 }
        return counts
    }
}
