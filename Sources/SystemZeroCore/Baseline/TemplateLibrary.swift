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
        let paths = names.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map {
            (directory as NSString).appendingPathComponent($0)
        }
        // Files are independent: read them on every core, then report the first error in file order.
        let results = ParallelResults<Result<Template, TemplateError>>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            do throws(TemplateError) {
                results[index] = .success(try loader.load(path: paths[index]))
            } catch {
                results[index] = .failure(error)
            }
        }
        var templates: [Template] = []
        templates.reserveCapacity(paths.count)
        var seen: [String: String] = [:]
        for (index, path) in paths.enumerated() {
            guard let result = results[index] else { continue }
            let template = try result.get()
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

/// Slots that concurrent workers fill, one each.
final class ParallelResults<Value>: @unchecked Sendable {
    // Each index is written by exactly one worker and read only after all have finished.
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }
}
