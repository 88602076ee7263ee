/// The fast path of ``NativeCaptureCodec/decode(_:)-([UInt8])``: reads native capture JSON straight into nodes,
/// without building a ``JSONValue`` tree or any JSON path; and of ``NativeCaptureCodec/decodeTree(_:normalizer:)``,
/// which goes on to normalize each node as it is read (``FlatTreeBuilder``), without building ``UINode``s at all.
///
/// It returns `nil` for anything it does not handle in the plain way: every error (syntax, limits, values), a
/// key given twice (which the general path refuses) or a node key it does not read, a `bounds` array with a non-number in it; for a tree, a `viewport` after the `tree` that
/// lies off some node it would have removed. The caller then
/// takes the general path (``JSONParser``, then ``NativeCaptureCodec/decode(_:)-(JSONValue)``), which gives the
/// error with its position or path. Whenever this returns a capture, it is the capture the general path returns
/// (and a tree, the tree the normalizer makes of it): it applies the same limits (document depth before each object
/// or array, string length, node count, tree depth), reads strings and numbers with the same ``JSONReader`` code,
/// and applies the same rules to each field.
struct NativeFastDecoder {
    let codec: NativeCaptureCodec

    /// Thrown to give up; never escapes.
    private static let giveUp = ImportError(.unknownFormat)

    func decode(_ bytes: [UInt8]) -> Capture? {
        read(bytes) { _ throws(ImportError) in
            UINodeTreeSink()
        } finish: { header, sink throws(ImportError) in
            guard let root = sink.root else { throw Self.fail() }
            return try codec.capture(header: header, tree: root)
        }
    }

    /// The capture normalized, its nodes normalized as they are read.
    func decodeTree(_ bytes: [UInt8], normalizer: Normalizer) -> UITree? {
        read(bytes) { header throws(ImportError) in
            FlatTreeBuilder(normalizer: normalizer, viewport: try codec.viewport(in: .object(header))?.bounds)
        } finish: { header, builder throws(ImportError) in
            // The header is checked as the general path checks it; its tree is the one built here.
            let capture = try codec.capture(header: header, tree: UINode(role: .unknown))
            let viewport = capture.viewport.map(\.bounds).flatMap { $0.isEmpty ? nil : $0 }
            // A viewport after the tree (as in sorted JSON) was not there to remove off-screen nodes: the tree
            // stands only if it would have removed none.
            guard builder.viewport == viewport || (builder.viewport == nil && builder.keepsEverything(in: viewport)) else {
                throw Self.fail()
            }
            return UITree(capture: capture, normalizedNodes: builder.finish())
        }
    }

    private func read<Sink: NativeNodeSink, Result>(
        _ bytes: [UInt8], sink: ([(key: String, value: JSONValue)]) throws(ImportError) -> Sink,
        finish: (JSONValue, inout Sink) throws(ImportError) -> Result
    ) -> Result? {
        let limits = codec.limits
        guard bytes.count <= limits.maxBytes else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Result? in
            var reader = JSONReader(buffer, limits: limits)
            do {
                var (header, tree) = try reader.nativeCapture(maxNodes: limits.maxNodes, sink: sink)
                return try finish(header, &tree)
            } catch {
                return nil
            }
        }
    }

    /// The role of a role name, as ``RoleMapper/role(web:)`` gives it; a role's own name is found without
    /// lower-casing or a linear search.
    static func role(named name: String) -> Role {
        // Exact bytes of a role's own name: that role (RoleMapper maps it to itself).
        if let own = name.utf8.withContiguousStorageIfAvailable({ RoleTable.role(named: $0, 0..<$0.count) }), let own { return own }
        return RoleMapper.role(web: name)
    }

    static func fail() -> ImportError { giveUp }

    /// The deepest tree the fast path reads.
    static let maxTreeDepth = 128
}

/// Where the fast path puts each node it reads: opened when its object starts, closed with its own fields once its
/// object ends (its children opened and closed in between).
protocol NativeNodeSink {
    associatedtype Mark
    mutating func open() -> Mark
    mutating func close(_ mark: Mark, _ fields: consuming NodeFields)
}

extension FlatTreeBuilder: NativeNodeSink {}

/// Builds the ``UINode`` tree of the nodes read.
struct UINodeTreeSink: NativeNodeSink {
    /// The children gathered so far of each open node, innermost last; the first level holds the root.
    private var levels: [[UINode]] = [[]]

    mutating func open() {
        levels.append([])
    }

    mutating func close(_ mark: Void, _ fields: consuming NodeFields) {
        let children = levels.removeLast()
        levels[levels.count - 1].append(fields.node(children: children))
    }

    var root: UINode? { levels[0].first }
}

/// The keys a native node reads.
private enum NodeKey {
    case role, name, value, id, states, bounds, attributes, children, other

    init(_ key: String) {
        switch key {
        case "role": self = .role
        case "name": self = .name
        case "value": self = .value
        case "id": self = .id
        case "states": self = .states
        case "bounds": self = .bounds
        case "attributes": self = .attributes
        case "children": self = .children
        default: self = .other
        }
    }

    var bit: UInt16 {
        switch self {
        case .role: 1
        case .name: 2
        case .value: 4
        case .id: 8
        case .states: 16
        case .bounds: 32
        case .attributes: 64
        case .children: 128
        case .other: 0
        }
    }
}

extension JSONReader {
    /// A whole native capture, or a throw to give up: the header's members, and the sink that `makeSink` made of
    /// the members before the tree once the tree is read into it.
    fileprivate mutating func nativeCapture<Sink: NativeNodeSink>(
        maxNodes: Int, sink makeSink: ([(key: String, value: JSONValue)]) throws(ImportError) -> Sink
    ) throws(ImportError) -> (header: JSONValue, sink: Sink) {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{"), 1 <= maxDepth else { throw NativeFastDecoder.fail() }
        index += 1
        var header: [(key: String, value: JSONValue)] = []
        var sink: Sink?
        var nodeCount = 0
        skipWhitespace()
        guard peek() != UInt8(ascii: "}") else { throw NativeFastDecoder.fail() }
        while true {
            skipWhitespace()
            guard peek() == Self.quote else { throw NativeFastDecoder.fail() }
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw NativeFastDecoder.fail() }
            index += 1
            skipWhitespace()
            if key == "tree" {
                guard sink == nil else { throw NativeFastDecoder.fail() }
                var made = try makeSink(header)
                try nativeNode(documentDepth: 2, treeDepth: 1, nodeCount: &nodeCount, maxNodes: maxNodes, into: &made)
                sink = made
            } else {
                guard !header.contains(where: { $0.key == key }) else { throw NativeFastDecoder.fail() }
                header.append((key, try parseValue(depth: 2)))
            }
            skipWhitespace()
            guard let byte = peek() else { throw NativeFastDecoder.fail() }
            index += 1
            if byte == UInt8(ascii: "}") { break }
            guard byte == UInt8(ascii: ",") else { throw NativeFastDecoder.fail() }
        }
        skipWhitespace()
        guard index == count, let sink else { throw NativeFastDecoder.fail() }
        return (.object(header), sink)
    }

    /// The key at `index` (its opening quote).
    @inline(__always)
    private mutating func nodeKey() throws(ImportError) -> NodeKey {
        // First, the usual keys compared in place: the key's bytes, then the closing quote.
        let start = index + 1
        if start < count {
            switch bytes[start] {
            case UInt8(ascii: "r"): if matchKey("role", at: start) { return .role }
            case UInt8(ascii: "n"): if matchKey("name", at: start) { return .name }
            case UInt8(ascii: "v"): if matchKey("value", at: start) { return .value }
            case UInt8(ascii: "i"): if matchKey("id", at: start) { return .id }
            case UInt8(ascii: "s"): if matchKey("states", at: start) { return .states }
            case UInt8(ascii: "b"): if matchKey("bounds", at: start) { return .bounds }
            case UInt8(ascii: "a"): if matchKey("attributes", at: start) { return .attributes }
            case UInt8(ascii: "c"): if matchKey("children", at: start) { return .children }
            default: break
            }
        }
        guard let range = try parsePlainStringRange() else { return NodeKey(try parseString()) }
        // Byte comparison is exact here: no other text is canonically equivalent to one of these ASCII keys.
        switch range.count {
        case 2: return rangeEquals(range, "id") ? .id : .other
        case 4: return rangeEquals(range, "role") ? .role : rangeEquals(range, "name") ? .name : .other
        case 5: return rangeEquals(range, "value") ? .value : .other
        case 6: return rangeEquals(range, "states") ? .states : rangeEquals(range, "bounds") ? .bounds : .other
        case 8: return rangeEquals(range, "children") ? .children : .other
        case 10: return rangeEquals(range, "attributes") ? .attributes : .other
        default: return .other
        }
    }

    /// `true` (and moves past the key) when the string that starts before `start` is exactly `key`: its bytes,
    /// then the closing quote. Such a string has no escape and is valid; its length is checked as any string's.
    @inline(__always)
    private mutating func matchKey(_ key: StaticString, at start: Int) -> Bool {
        let length = key.utf8CodeUnitCount
        guard length <= maxStringLength, start + length < count, rangeEquals(start..<(start + length), key),
            bytes[start + length] == Self.quote
        else { return false }
        index = start + length + 1
        return true
    }

    /// A string or `null`.
    @inline(__always)
    private mutating func optionalString() throws(ImportError) -> String? {
        guard let byte = peek() else { throw NativeFastDecoder.fail() }
        if byte == Self.quote { return try parseString() }
        guard byte == UInt8(ascii: "n") else { throw NativeFastDecoder.fail() }
        try expectLiteral("null")
        return nil
    }

    /// `true` (and moves past it) when the value at `index` is `null`.
    @inline(__always)
    private mutating func skipNull() throws(ImportError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try expectLiteral("null")
        return true
    }

    /// Opens the array at `index` at document depth `depth`; `false` when it is empty (and already closed).
    @inline(__always)
    private mutating func openArray(depth: Int) throws(ImportError) -> Bool {
        guard peek() == UInt8(ascii: "["), depth <= maxDepth else { throw NativeFastDecoder.fail() }
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return false
        }
        return true
    }

    /// After an element: `true` for a comma (another element follows), `false` for the closing bracket.
    @inline(__always)
    private mutating func nextElement(closing: UInt8) throws(ImportError) -> Bool {
        skipWhitespace()
        guard let byte = peek() else { throw NativeFastDecoder.fail() }
        index += 1
        if byte == UInt8(ascii: ",") {
            skipWhitespace()
            return true
        }
        guard byte == closing else { throw NativeFastDecoder.fail() }
        return false
    }

    /// One node and its subtree, into `sink`.
    private mutating func nativeNode<Sink: NativeNodeSink>(
        documentDepth: Int, treeDepth: Int, nodeCount: inout Int, maxNodes: Int, into sink: inout Sink
    ) throws(ImportError) {
        // Very deep trees (possible only with raised limits) are left to the general path, whose recursion takes
        // less stack per level.
        guard treeDepth <= maxDepth, treeDepth <= NativeFastDecoder.maxTreeDepth else { throw NativeFastDecoder.fail() }
        nodeCount += 1
        guard nodeCount <= maxNodes, peek() == UInt8(ascii: "{"), documentDepth <= maxDepth else { throw NativeFastDecoder.fail() }
        index += 1
        let mark = sink.open()
        var seen: UInt16 = 0
        var role: Role?
        var roleName: String?
        var name: String?
        var value: String?
        var id: String?
        var states = StateSet()
        var bounds: Bounds?
        var attributes: [String: String] = [:]
        skipWhitespace()
        guard peek() != UInt8(ascii: "}") else { throw NativeFastDecoder.fail() }
        while true {
            skipWhitespace()
            guard peek() == Self.quote else { throw NativeFastDecoder.fail() }
            let key = try nodeKey()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw NativeFastDecoder.fail() }
            index += 1
            skipWhitespace()
            // A key given twice, or one this path does not track, is left to the general path (which refuses
            // duplicates with their position).
            guard key != .other, seen & key.bit == 0 else { throw NativeFastDecoder.fail() }
            seen |= key.bit
            switch key {
            case .role:
                guard peek() == Self.quote else { throw NativeFastDecoder.fail() }
                let start = index
                if let range = try parsePlainStringRange() {
                    // A role's own name (the usual case) is found from its bytes; other names go to `RoleMapper`.
                    if let own = RoleTable.role(named: bytes, range) {
                        role = own
                    } else {
                        roleName = string(in: range)
                    }
                } else {
                    index = start
                    roleName = try parseString()
                }
            case .name: name = try optionalString()
            case .value: value = try optionalString()
            case .id: id = try optionalString()
            case .states:
                if try skipNull() { break }
                if try openArray(depth: documentDepth + 1) {
                    repeat {
                        guard peek() == Self.quote else { throw NativeFastDecoder.fail() }
                        let start = index
                        let state: StateSet?
                        if let range = try parsePlainStringRange() {
                            state = StateSet(utf8: bytes, range)
                        } else {
                            index = start
                            state = StateSet(name: try parseString())
                        }
                        guard let state else { throw NativeFastDecoder.fail() }
                        states.insert(state)
                    } while try nextElement(closing: UInt8(ascii: "]"))
                }
            case .bounds:
                if try skipNull() { break }
                var numbers: (Double, Double, Double, Double) = (0, 0, 0, 0)
                var found = 0
                if try openArray(depth: documentDepth + 1) {
                    repeat {
                        guard let byte = peek(), byte == UInt8(ascii: "-") || isDigit(byte), found < 4 else {
                            throw NativeFastDecoder.fail()
                        }
                        let number = try parseNumber()
                        switch found {
                        case 0: numbers.0 = number
                        case 1: numbers.1 = number
                        case 2: numbers.2 = number
                        default: numbers.3 = number
                        }
                        found += 1
                    } while try nextElement(closing: UInt8(ascii: "]"))
                }
                guard found == 4, numbers.0.isFinite, numbers.1.isFinite, numbers.2.isFinite, numbers.3.isFinite,
                    numbers.2 >= 0, numbers.3 >= 0
                else { throw NativeFastDecoder.fail() }
                bounds = Bounds(x: numbers.0, y: numbers.1, width: numbers.2, height: numbers.3)
            case .attributes:
                if try skipNull() { break }
                guard peek() == UInt8(ascii: "{"), documentDepth + 1 <= maxDepth else { throw NativeFastDecoder.fail() }
                index += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "}") {
                    index += 1
                    break
                }
                repeat {
                    guard peek() == Self.quote else { throw NativeFastDecoder.fail() }
                    let attributeKey = try parseString()
                    skipWhitespace()
                    guard peek() == UInt8(ascii: ":") else { throw NativeFastDecoder.fail() }
                    index += 1
                    skipWhitespace()
                    guard peek() == Self.quote, attributes[attributeKey] == nil else { throw NativeFastDecoder.fail() }
                    attributes[attributeKey] = try parseString()
                } while try nextElement(closing: UInt8(ascii: "}"))
            case .children:
                if try skipNull() { break }
                if try openArray(depth: documentDepth + 1) {
                    repeat {
                        try nativeNode(
                            documentDepth: documentDepth + 2, treeDepth: treeDepth + 1, nodeCount: &nodeCount, maxNodes: maxNodes,
                            into: &sink)
                    } while try nextElement(closing: UInt8(ascii: "]"))
                }
            case .other:
                throw NativeFastDecoder.fail()
            }
            guard try nextElement(closing: UInt8(ascii: "}")) else { break }
        }
        let nodeRole: Role
        if let role {
            // A role's own name: never `source_role` (the name of `.unknown` is "unknown").
            nodeRole = role
        } else {
            guard let roleName else { throw NativeFastDecoder.fail() }
            nodeRole = NativeFastDecoder.role(named: roleName)
            // The general path sets `source_role` before the attributes, so an attribute of that name wins.
            if nodeRole == .unknown, roleName != "unknown", attributes["source_role"] == nil { attributes["source_role"] = roleName }
        }
        sink.close(
            mark, NodeFields(role: nodeRole, name: name, value: value, id: id, states: states, bounds: bounds, attributes: attributes))
    }
}
