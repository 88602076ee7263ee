/// Turns a capture into a ``UITree``: one stable shape for the same screen, however it was captured.
///
/// In order, for each node:
/// 1. **Noise**: nodes matched by a ``NoiseFilter`` are removed with their subtree.
/// 2. **Invisible**: hidden nodes, nodes of zero size, and nodes wholly outside the viewport are removed
///    with their subtree (nodes without bounds are kept: ARIA and AX trees carry none).
/// 3. **Transient**: the focus state and framework-generated ids (``GeneratedID``) are dropped, and
///    source bookkeeping attributes (`index`, `drawing-order`, `backend_dom_node_id`).
/// 4. **Whitespace**: names and values are trimmed and inner runs folded to one space; empty text is no text.
/// 5. **Name from content**: an unnamed button, link, menu item or tab takes the text of its descendants,
///    as WAI-ARIA's accessible-name computation does (Compose and Flutter put a button's label in a child).
/// 6. **Wrappers**: an unnamed, id-less container with exactly one child is replaced by the child; an unnamed,
///    id-less container with no children is removed. The root always stays.
/// Then the tree is flattened, each node classified (``NodeClassifier``) and fingerprinted.
public struct Normalizer: Sendable {
    public var noiseFilters: [NoiseFilter]
    public var classifier: NodeClassifier

    public init(noiseFilters: [NoiseFilter] = NoiseFilter.defaults, classifier: NodeClassifier = NodeClassifier()) {
        self.noiseFilters = noiseFilters
        self.classifier = classifier
    }

    static let transientAttributes: Set<String> = ["index", "drawing-order", "backend_dom_node_id"]

    /// The normalized tree of a capture.
    ///
    /// One pass over the capture builds the flat tree (``FlatTreeBuilder``): each node is cleaned and appended,
    /// its children normalized after it, and then it is completed (named from its content, dropped or replaced by
    /// its only child if it is a wrapper, classified, hashed). No intermediate tree of nodes is made.
    public func normalize(_ capture: Capture) -> UITree {
        var builder = FlatTreeBuilder(normalizer: self, viewport: capture.viewport?.bounds)
        builder.appendRoot(capture.tree)
        return UITree(capture: capture, normalizedNodes: builder.finish())
    }

    /// A noise filter with a quick way to say "no": for ASCII text other than `K`, `;` and `` ` `` (the only
    /// characters another text can be canonically equivalent to), a text equal to it has its very bytes, and a
    /// text that starts with it (by `hasPrefix`, even by characters) starts with its bytes. So a length or first
    /// byte that differs rules a match out; anything else is left to ``NoiseFilter/matches(_:)``.
    struct QuickNoiseFilter {
        let filter: NoiseFilter
        /// The text's UTF-8 length and first byte, when they can rule a match out.
        let length: Int?
        let first: UInt8?

        init(_ filter: NoiseFilter) {
            self.filter = filter
            let text: String?
            switch filter.match {
            case .idPrefix(let prefix): text = prefix
            case .id(let id): text = id
            case .name(let name): text = name
            case .role: text = nil
            }
            let bytes = text.map { Array($0.utf8) } ?? []
            let decisive =
                !bytes.isEmpty
                && bytes.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "K") && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`") }
            length = decisive ? bytes.count : nil
            first = decisive ? bytes.first : nil
        }

        @inline(__always)
        func matches(role: Role, id: String?, name: String?) -> Bool {
            switch filter.match {
            case .role(let filtered): return role == filtered
            case .id:
                guard let id else { return false }
                if let length, id.utf8.count != length { return false }
            case .idPrefix:
                guard let id else { return false }
                if let length, let first, id.utf8.count < length || id.utf8.first != first { return false }
            case .name:
                guard let name else { return false }
                if let length, name.utf8.count != length { return false }
            }
            return filter.matches(role: role, id: id, name: name)
        }
    }

    /// The attributes without the source bookkeeping ones; the same dictionary when it has none of them.
    @inline(__always)
    static func cleanedAttributes(_ attributes: [String: String]) -> [String: String] {
        guard !attributes.isEmpty else { return attributes }
        // The keys are few: look up only those as long as a transient name ("index", "drawing-order",
        // "backend_dom_node_id"), without hashing the rest.
        var hasTransient = false
        for key in attributes.keys {
            switch key.utf8.count {
            case 5, 13, 19: hasTransient = hasTransient || transientAttributes.contains(key)
            default: continue
            }
        }
        guard hasTransient else { return attributes }
        var cleaned = attributes
        for key in transientAttributes { cleaned[key] = nil }
        return cleaned
    }

    /// The id with generated and empty ids dropped.
    @inline(__always)
    static func cleanedID(_ id: String?) -> String? {
        guard let id, !id.isEmpty, !GeneratedID.isGenerated(id) else { return nil }
        return id
    }

    /// The names of the text-bearing descendants, in order, joined by a space.
    static func nameFromContent(_ children: [UINode]) -> String? {
        var parts: [String] = []
        func collect(_ node: UINode) {
            if node.role == .text || node.role == .heading || node.role == .paragraph, let name = node.name { parts.append(name) }
            for child in node.children where parts.count < 8 { collect(child) }
        }
        for child in children { collect(child) }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Trims the text and folds inner whitespace runs to one space; `nil` when nothing is left.
    public static func foldWhitespace(_ text: String?) -> String? {
        guard let text else { return nil }
        // Most text needs nothing done: check its bytes in place first.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var previousSpace = true
            for byte in bytes {
                if byte >= 0x80 { return false }
                let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                if isSpace && (previousSpace || byte != 0x20) { return false }
                previousSpace = isSpace
            }
            return !previousSpace
        }
        if plain == true { return text }
        var needsWork = false
        var previousSpace = true
        for byte in text.utf8 {
            if byte >= 0x80 {
                needsWork = true
                break
            }
            let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            if isSpace && (previousSpace || byte != 0x20) {
                needsWork = true
                break
            }
            previousSpace = isSpace
        }
        if !needsWork {
            if previousSpace { return text.isEmpty ? nil : String(text.dropLast()) }
            return text
        }
        let folded = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return folded.isEmpty ? nil : folded
    }
}
