/// Writes a normalized tree as canonical native JSON — byte for byte what
/// `JSONWriter(style: .canonical).bytes(NativeCaptureCodec.encode(tree.capture))` writes — straight from its flat
/// nodes, without a ``UINode`` tree or a ``JSONValue`` document. The ledger stores every capture's tree this way.
///
/// The canonical form sorts keys by their UTF-8 bytes, so the header's members are written in the order `app`,
/// `captured_at`, `session`, `source`, `tree`, `viewport` and a node's in the order `attributes`, `bounds`,
/// `children`, `id`, `name`, `role`, `states`, `value`.
enum NativeCanonicalWriter {
    static func bytes(_ tree: UITree) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(tree.count * 112 + 256)
        var members = MemberWriter()
        out.append(UInt8(ascii: "{"))
        if let app = tree.app { members.string("app", app, into: &out) }
        if let capturedAt = tree.capturedAt { members.string("captured_at", capturedAt, into: &out) }
        if let session = tree.session { members.string("session", session, into: &out) }
        if let source = tree.source { members.string("source", source, into: &out) }
        if tree.count > 0 {
            members.key("tree", into: &out)
            tree.nodes.withUnsafeBufferPointer { nodes in writeNode(0, of: nodes, into: &out) }
        }
        if let viewport = tree.viewport {
            members.key("viewport", into: &out)
            append(#"{"height":"#, to: &out)
            JSONWriter.writeNumber(viewport.height, into: &out)
            append(#","width":"#, to: &out)
            JSONWriter.writeNumber(viewport.width, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    @inline(__always)
    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Writes the members of one object: a comma before each but the first.
    private struct MemberWriter {
        private var first = true

        mutating func key(_ key: StaticString, into out: inout [UInt8]) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            NativeCanonicalWriter.append(key, to: &out)
            NativeCanonicalWriter.append(#"":"#, to: &out)
        }

        mutating func string(_ key: StaticString, _ value: String, into out: inout [UInt8]) {
            self.key(key, into: &out)
            JSONWriter.writeString(value, into: &out)
        }
    }

    private static func writeNode(_ index: Int, of nodes: UnsafeBufferPointer<UITree.Node>, into out: inout [UInt8]) {
        var members = MemberWriter()
        out.append(UInt8(ascii: "{"))
        if !nodes[index].attributes.isEmpty {
            members.key("attributes", into: &out)
            out.append(UInt8(ascii: "{"))
            let attributes = nodes[index].attributes
            let sorted =
                attributes.count == 1 ? Array(attributes) : attributes.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (position, attribute) in sorted.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(attribute.key, into: &out)
                out.append(UInt8(ascii: ":"))
                JSONWriter.writeString(attribute.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        if let bounds = nodes[index].bounds {
            members.key("bounds", into: &out)
            out.append(UInt8(ascii: "["))
            JSONWriter.writeNumber(bounds.x, into: &out)
            out.append(UInt8(ascii: ","))
            JSONWriter.writeNumber(bounds.y, into: &out)
            out.append(UInt8(ascii: ","))
            JSONWriter.writeNumber(bounds.width, into: &out)
            out.append(UInt8(ascii: ","))
            JSONWriter.writeNumber(bounds.height, into: &out)
            out.append(UInt8(ascii: "]"))
        }
        let end = nodes[index].end
        if index + 1 < end {
            members.key("children", into: &out)
            out.append(UInt8(ascii: "["))
            var child = index + 1
            while child < end {
                if child > index + 1 { out.append(UInt8(ascii: ",")) }
                writeNode(child, of: nodes, into: &out)
                child = nodes[child].end
            }
            out.append(UInt8(ascii: "]"))
        }
        if let id = nodes[index].id { members.string("id", id, into: &out) }
        if let name = nodes[index].name { members.string("name", name, into: &out) }
        members.key("role", into: &out)
        JSONWriter.writeString(nodes[index].role.rawValue, into: &out)
        let states = nodes[index].states
        if !states.isEmpty {
            members.key("states", into: &out)
            out.append(UInt8(ascii: "["))
            for (position, name) in states.names.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(name, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let value = nodes[index].value { members.string("value", value, into: &out) }
        out.append(UInt8(ascii: "}"))
    }
}
