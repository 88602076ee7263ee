import Foundation

/// Picks nodes of a tree, in a small CSS-like language.
///
/// ```text
/// #accept_button                       a node whose id is accept_button (Android ids match without their package)
/// button                               any button
/// button[name="Accept"]                a button named exactly Accept
/// text[name~="(?i)offer expires"]      a text whose name matches the regular expression (ICU syntax)
/// [value^="$"]                         any node whose value starts with $   (also *= for "contains")
/// checkbox[checked]                    a checkbox in the checked state
/// group[name="offer"] button           a button anywhere inside a group named offer
/// ```
/// A compound is an optional role (or `*`), an optional `#id` and any number of `[…]` conditions on `name`, `value`,
/// `id` or a state; compounds separated by spaces select descendants.
public struct NodeSelector: Sendable, Hashable, CustomStringConvertible {
    /// A condition on one field.
    enum Condition: Sendable, Hashable {
        case equals(Field, String)
        case prefix(Field, String)
        case contains(Field, String)
        case matches(Field, CompiledRegex)
        case state(StateSet)
    }

    enum Field: String, Sendable, Hashable {
        case name, value, id
    }

    struct Compound: Sendable, Hashable {
        var role: Role?
        var id: String?
        var conditions: [Condition]
    }

    let compounds: [Compound]
    /// The selector as written.
    public let source: String

    public var description: String { source }

    public static func == (lhs: NodeSelector, rhs: NodeSelector) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// Parses a selector; the error message says what is wrong and where.
    public init(_ source: String) throws(SelectorError) {
        self.source = source
        var parser = SelectorParser(text: Array(source.unicodeScalars), source: source)
        compounds = try parser.parse()
    }

    /// A selector made from its parts, with the source that parses back to them.
    private init(_ compound: Compound, source: String) {
        compounds = [compound]
        self.source = source
    }

    /// A selector for a node with exactly this id: `#id` when the id is a plain word (Android ids then match without
    /// their package), else `[id="…"]`. Any text makes one; its source parses back to the same selector.
    public static func id(_ id: String) -> NodeSelector {
        if !id.isEmpty, id.unicodeScalars.allSatisfy(SelectorParser.isWord) {
            return NodeSelector(Compound(role: nil, id: id, conditions: []), source: "#" + id)
        }
        return NodeSelector(Compound(role: nil, id: nil, conditions: [.equals(.id, id)]), source: "[id=\(quoted(id))]")
    }

    /// A selector for a node with this role and exact name. Any text makes one; its source parses back to it.
    public static func named(_ role: Role?, _ name: String) -> NodeSelector {
        NodeSelector(
            Compound(role: role, id: nil, conditions: [.equals(.name, name)]), source: "\(role?.rawValue ?? "")[name=\(quoted(name))]")
    }

    /// `text` as the selector language's double-quoted value: `\` and `"` escaped with a backslash, scalar by scalar
    /// as the parser reads (a quote with a combining mark after it is still a quote).
    static func quoted(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in text.unicodeScalars {
            if scalar == "\\" || scalar == "\"" { out.append("\\") }
            out.append(scalar)
        }
        out.append("\"")
        return String(out)
    }

    /// `true` when the node at `index` is selected.
    public func matches(_ tree: UITree, _ index: Int) -> Bool {
        tree.nodes.withUnsafeBufferPointer { matches($0, index) }
    }

    /// ``matches(_:_:)`` over the tree's nodes, read in place (neither a node nor a compound is copied).
    private func matches(_ nodes: UnsafeBufferPointer<UITree.Node>, _ index: Int) -> Bool {
        guard let base = nodes.baseAddress else { return false }
        return compounds.withUnsafeBufferPointer { compounds -> Bool in
            guard let compoundBase = compounds.baseAddress, !compounds.isEmpty else { return false }
            guard Self.matches(compoundBase + (compounds.count - 1), base + index) else { return false }
            var remaining = compounds.count - 2
            var ancestor = base[index].parent
            while remaining >= 0 {
                guard ancestor >= 0 else { return false }
                if Self.matches(compoundBase + remaining, base + ancestor) { remaining -= 1 }
                ancestor = base[ancestor].parent
            }
            return true
        }
    }

    /// The indices of every selected node, in tree order.
    public func select(in tree: UITree) -> [Int] {
        tree.nodes.withUnsafeBufferPointer { nodes in nodes.indices.filter { matches(nodes, $0) } }
    }

    /// The first selected node, or `nil`.
    public func first(in tree: UITree) -> Int? {
        tree.nodes.withUnsafeBufferPointer { nodes in nodes.indices.first { matches(nodes, $0) } }
    }

    /// The role this selector's last compound demands, if any (for indexing).
    public var role: Role? { compounds.last?.role }
    /// The id this selector's last compound demands, if any (for indexing).
    public var id: String? { compounds.last?.id }
    /// The exact name this selector's last compound demands, if any (for indexing).
    public var exactName: String? {
        for case .equals(.name, let name) in compounds.last?.conditions ?? [] { return name }
        return nil
    }

    @inline(__always)
    static func matches(_ compound: UnsafePointer<Compound>, _ node: UnsafePointer<UITree.Node>) -> Bool {
        if let role = compound.pointee.role, node.pointee.role != role { return false }
        if let id = compound.pointee.id, !idMatches(node.pointee.id, id) { return false }
        for condition in compound.pointee.conditions {
            switch condition {
            case .equals(let field, let text): if value(of: field, node) != text { return false }
            case .prefix(let field, let text): if !(value(of: field, node)?.hasPrefix(text) ?? false) { return false }
            case .contains(let field, let text): if !(value(of: field, node)?.contains(text) ?? false) { return false }
            case .matches(let field, let regex): if !regex.matches(value(of: field, node)) { return false }
            case .state(let state): if !node.pointee.states.contains(state) { return false }
            }
        }
        return true
    }

    /// Ids match exactly, or an Android resource id matches its name without the package (`#accept` matches
    /// `com.example:id/accept`).
    static func idMatches(_ nodeID: String?, _ wanted: String) -> Bool {
        guard let nodeID else { return false }
        // Quick no: two texts whose last bytes are different ASCII characters end in different characters (an ASCII
        // scalar is a character's last scalar only as itself, and has no other canonically equivalent spelling).
        if let last = Self.lastByte(nodeID), let wantedLast = Self.lastByte(wanted), last < 0x80, wantedLast < 0x80,
            last != wantedLast
        {
            return false
        }
        if nodeID == wanted { return true }
        // ASCII ids (nearly all) are compared by their bytes, without making the suffix: ASCII text has no other
        // canonically equivalent spelling, and ":id/" cannot join a character before it.
        let answer = nodeID.utf8.withContiguousStorageIfAvailable { id in
            wanted.utf8.withContiguousStorageIfAvailable { wanted in hasASCIISuffix(id, wanted) } ?? nil
        }
        if let answer, let answer { return answer }
        return nodeID.hasSuffix(":id/" + wanted)
    }

    /// The last UTF-8 byte of a text, read in place.
    @inline(__always)
    private static func lastByte(_ text: String) -> UInt8? {
        text.utf8.withContiguousStorageIfAvailable { $0.last } ?? text.utf8.last
    }

    /// Whether `id` ends with `:id/` then `wanted`, when both are ASCII; `nil` when either is not.
    private static func hasASCIISuffix(_ id: UnsafeBufferPointer<UInt8>, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool? {
        for byte in wanted where byte >= 0x80 { return nil }
        for byte in id where byte >= 0x80 { return nil }
        let start = id.count - wanted.count - 4
        guard start >= 0, id[start] == UInt8(ascii: ":"), id[start + 1] == UInt8(ascii: "i"), id[start + 2] == UInt8(ascii: "d"),
            id[start + 3] == UInt8(ascii: "/")
        else { return false }
        for offset in 0..<wanted.count where id[start + 4 + offset] != wanted[offset] { return false }
        return true
    }

    static func value(of field: Field, _ node: UnsafePointer<UITree.Node>) -> String? {
        switch field {
        case .name: node.pointee.name
        case .value: node.pointee.value
        case .id: node.pointee.id
        }
    }
}

/// A selector that does not parse.
public struct SelectorError: Error, Sendable, Hashable, CustomStringConvertible {
    public var selector: String
    public var message: String
    public var description: String { "selector \"\(selector)\": \(message)" }
}

/// An ICU regular expression, compiled once.
final class CompiledRegex: @unchecked Sendable, Hashable {
    // NSRegularExpression is immutable after creation and safe to share across threads.
    let pattern: String
    let expression: NSRegularExpression

    init(_ pattern: String) throws {
        self.pattern = pattern
        expression = try NSRegularExpression(pattern: pattern)
    }

    func matches(_ text: String?) -> Bool {
        guard let text else { return false }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, range: range) != nil
    }

    static func == (lhs: CompiledRegex, rhs: CompiledRegex) -> Bool { lhs.pattern == rhs.pattern }
    func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}

struct SelectorParser {
    let text: [Unicode.Scalar]
    let source: String
    var index = 0

    func fail(_ message: String) -> SelectorError {
        SelectorError(selector: source, message: "\(message) at character \(index + 1)")
    }

    var peek: Unicode.Scalar? { index < text.count ? text[index] : nil }

    mutating func parse() throws(SelectorError) -> [NodeSelector.Compound] {
        var compounds: [NodeSelector.Compound] = []
        skipSpaces()
        while peek != nil {
            compounds.append(try compound())
            skipSpaces()
        }
        guard !compounds.isEmpty else { throw fail("empty selector") }
        return compounds
    }

    mutating func skipSpaces() {
        while let next = peek, next == " " || next == "\t" { index += 1 }
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" || scalar == "." || scalar == ":"
            || scalar == "/"
    }

    mutating func word() -> String {
        var out = String.UnicodeScalarView()
        while let next = peek, Self.isWord(next) {
            out.append(next)
            index += 1
        }
        return String(out)
    }

    mutating func compound() throws(SelectorError) -> NodeSelector.Compound {
        var compound = NodeSelector.Compound(role: nil, id: nil, conditions: [])
        var empty = true
        if peek == "*" {
            index += 1
            empty = false
        } else if let next = peek, next.properties.isAlphabetic {
            let name = word()
            guard let role = Role(rawValue: name) else { throw fail("unknown role \"\(name)\"") }
            compound.role = role
            empty = false
        }
        if peek == "#" {
            index += 1
            let id = word()
            guard !id.isEmpty else { throw fail("# needs an id") }
            compound.id = id
            empty = false
        }
        while peek == "[" {
            index += 1
            compound.conditions.append(try condition())
            empty = false
        }
        if empty { throw fail("expected a role, * , #id or [condition]") }
        if let next = peek, next != " " && next != "\t" { throw fail("unexpected \"\(next)\"") }
        return compound
    }

    mutating func condition() throws(SelectorError) -> NodeSelector.Condition {
        skipSpaces()
        let name = word()
        skipSpaces()
        if peek == "]" {
            index += 1
            guard let state = StateSet(name: name) else { throw fail("unknown state \"\(name)\"") }
            return .state(state)
        }
        guard let field = NodeSelector.Field(rawValue: name) else { throw fail("unknown field \"\(name)\" (name, value, id or a state)") }
        var op = ""
        while let next = peek, next == "=" || next == "~" || next == "^" || next == "*" {
            op.unicodeScalars.append(next)
            index += 1
        }
        skipSpaces()
        let value = try quoted()
        skipSpaces()
        guard peek == "]" else { throw fail("expected ]") }
        index += 1
        switch op {
        case "=": return .equals(field, value)
        case "^=": return .prefix(field, value)
        case "*=": return .contains(field, value)
        case "~=":
            do {
                return .matches(field, try CompiledRegex(value))
            } catch {
                throw fail("invalid regular expression \"\(value)\"")
            }
        default: throw fail("expected =, ~=, ^= or *=")
        }
    }

    mutating func quoted() throws(SelectorError) -> String {
        guard let quote = peek, quote == "\"" || quote == "'" else { throw fail("expected a quoted value") }
        index += 1
        var out = String.UnicodeScalarView()
        while let next = peek {
            index += 1
            if next == quote { return String(out) }
            if next == "\\", let escaped = peek, escaped == quote || escaped == "\\" {
                out.append(escaped)
                index += 1
            } else {
                out.append(next)
            }
        }
        throw fail("the quoted value is not closed")
    }
}
