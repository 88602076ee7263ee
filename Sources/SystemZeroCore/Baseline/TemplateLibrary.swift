import Foundation

/// A set of templates with the indexes that make matching fast: templates by exact structure signature, and an
/// inverted index from tokens (ids, role-and-name pairs) to the templates whose required selectors name them.
public struct TemplateLibrary: Sendable {
    public private(set) var templates: [Template]
    var byStructure: [String: [Int]] = [:]
    var byToken: [IndexToken: [Int]] = [:]
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
    ///
    /// Unchanged files are read from the folder's index cache, `.index/` (see ``TemplateIndexCache``), which is then
    /// brought up to date; a folder that cannot be written to is simply read in full each time.
    public static func load(directory: String, loader: TemplateLoader = TemplateLoader()) throws(TemplateError) -> TemplateLibrary {
        try load(directory: directory, loader: loader, indexCache: true)
    }

    /// Loads every `.yaml`/`.yml` file of a folder, using and updating its index cache only when `indexCache` is `true`.
    public static func load(directory: String, loader: TemplateLoader = TemplateLoader(), indexCache: Bool) throws(TemplateError)
        -> TemplateLibrary
    {
        try load(directory: directory, loader: loader, indexCache: indexCache, now: FileStamp.now())
    }

    /// Loads a folder as at time `now` (nanoseconds since 1970): files changed within a second before it are read but
    /// not cached.
    static func load(directory: String, loader: TemplateLoader, indexCache: Bool, now started: Int64) throws(TemplateError)
        -> TemplateLibrary
    {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw TemplateError(file: directory, message: "cannot read the template folder")
        }
        let files = names.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        let paths = files.map { (directory as NSString).appendingPathComponent($0) }
        let cache = indexCache ? TemplateIndexCache(directory: directory, limits: loader.limits) : nil
        // Files are independent: read them on every core, then report the first error in file order.
        let results = ParallelResults<Result<LoadedFile, TemplateError>>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let stamp = indexCache ? FileStamp(path: paths[index]) : nil
            if let stamp, let cached = cache?.template(name: files[index], stamp: stamp, path: paths[index]) {
                results[index] = .success(LoadedFile(template: cached.template, source: cached.source, stamp: stamp, fromCache: true))
                return
            }
            do throws(TemplateError) {
                let read = try loader.read(path: paths[index])
                results[index] = .success(LoadedFile(template: read.template, source: read.source, stamp: stamp, fromCache: false))
            } catch {
                results[index] = .failure(error)
            }
        }
        var templates: [Template] = []
        templates.reserveCapacity(paths.count)
        var seen: [String: String] = [:]
        var cacheable: [(name: String, stamp: FileStamp, source: TemplateSource)] = []
        var fromCache = 0
        for (index, path) in paths.enumerated() {
            guard let result = results[index] else { continue }
            let file = try result.get()
            if let other = seen.updateValue(path, forKey: file.template.screenID) {
                throw TemplateError(
                    file: path, field: "screen_id", message: "\"\(file.template.screenID)\" is also defined in \(other)")
            }
            templates.append(file.template)
            if file.fromCache { fromCache += 1 }
            if let stamp = file.stamp, stamp.isSettled(before: started) {
                cacheable.append((files[index], stamp, file.source))
            }
        }
        if indexCache, fromCache != cacheable.count || cache?.entries.count != fromCache {
            TemplateIndexCache.write(cacheable, limits: loader.limits, directory: directory)
        }
        return TemplateLibrary(templates: templates)
    }

    /// One template file as loaded: the template, its content for the index cache, and its stamp.
    struct LoadedFile: Sendable {
        var template: Template
        var source: TemplateSource
        var stamp: FileStamp?
        var fromCache: Bool
    }

    /// The template with this screen id.
    public func template(_ screenID: String) -> Template? {
        templates.first { $0.screenID == screenID }
    }

    /// An index token: an id or a name that a required selector names and a capture can show.
    struct IndexToken: Hashable, Sendable {
        enum Kind: UInt8, Hashable, Sendable { case id, name }
        let kind: Kind
        let text: String
    }

    static func tokens(of template: Template) -> Set<IndexToken> {
        var tokens = Set<IndexToken>()
        for selector in template.required {
            if let id = selector.id { tokens.insert(IndexToken(kind: .id, text: id)) }
            if let name = selector.exactName { tokens.insert(IndexToken(kind: .name, text: name)) }
        }
        return tokens
    }

    /// The tokens a capture offers: each id (and Android id without package) and each name.
    static func tokens(of tree: UITree) -> Set<IndexToken> {
        var tokens = Set<IndexToken>()
        tokens.reserveCapacity(tree.count * 2)
        for index in tree.nodes.indices {
            if let id = tree.nodes[index].id {
                tokens.insert(IndexToken(kind: .id, text: id))
                tokens.insert(IndexToken(kind: .id, text: UITree.shortID(id)))
            }
            if let name = tree.nodes[index].name { tokens.insert(IndexToken(kind: .name, text: name)) }
        }
        return tokens
    }

    static func roleCounts(_ nodes: [UITree.Node]) -> [Role: Int] {
        var counts: [Role: Int] = [:]
        for index in nodes.indices { counts[nodes[index].role, default: 0] += 1 }
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
