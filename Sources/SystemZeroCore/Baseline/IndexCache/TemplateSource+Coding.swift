extension TemplateSource {
    /// Appends the source in the index cache's encoding.
    func encode(into writer: inout ByteWriter) {
        writer.write(screenID)
        writer.write(app)
        writer.write(version)
        writer.write(required)
        writer.write(forbidden)
        writer.write(masks)
        writer.write(prominence.count)
        for entry in prominence {
            writer.write(entry.primary)
            writer.write(entry.alternative)
            writer.write(entry.maxRatio)
        }
        writer.write(validTransitions)
        writer.write(interstitial)
        writer.write(layoutTolerance)
        writer.write(reference != nil)
        if let reference { Self.encode(reference, into: &writer) }
        writer.write(structureSignature)
        writer.write(contentSignature)
    }

    /// Reads a source that ``encode(into:)`` wrote; the reader must end exactly after it.
    init(from reader: inout ByteReader) throws(ByteReader.Failure) {
        screenID = try reader.readString()
        app = try reader.readOptionalString()
        version = try reader.readInt()
        required = try reader.readStrings()
        forbidden = try reader.readStrings()
        masks = try reader.readStrings()
        prominence = []
        for _ in 0..<(try reader.readCount()) {
            prominence.append(
                Prominence(primary: try reader.readString(), alternative: try reader.readString(), maxRatio: try reader.readDouble()))
        }
        validTransitions = try reader.readStrings()
        interstitial = try reader.readBool()
        layoutTolerance = try reader.readDouble()
        reference = try reader.readBool() ? try Self.decodeNode(from: &reader, depth: 0) : nil
        structureSignature = try reader.readOptionalString()
        contentSignature = try reader.readOptionalString()
        guard reader.isAtEnd else { throw ByteReader.Failure() }
    }

    /// Deeper than any template the loader accepts; guards the recursion against a damaged cache.
    static let maxDepth = 10_000

    static func encode(_ node: UINode, into writer: inout ByteWriter) {
        writer.write(node.role.rawValue)
        writer.write(node.name)
        writer.write(node.value)
        writer.write(node.id)
        writer.write(UInt64(node.states.rawValue))
        writer.write(node.bounds != nil)
        if let bounds = node.bounds {
            for value in bounds.array { writer.write(value) }
        }
        writer.write(node.attributes.count)
        for key in node.attributes.keys.sorted() {
            writer.write(key)
            writer.write(node.attributes[key] ?? "")
        }
        writer.write(node.children.count)
        for child in node.children { encode(child, into: &writer) }
    }

    static func decodeNode(from reader: inout ByteReader, depth: Int) throws(ByteReader.Failure) -> UINode {
        guard depth < maxDepth, let role = Role(rawValue: try reader.readString()) else { throw ByteReader.Failure() }
        var node = UINode(role: role, name: try reader.readOptionalString(), value: try reader.readOptionalString())
        node.id = try reader.readOptionalString()
        let states = try reader.readUInt64()
        guard let raw = UInt32(exactly: states) else { throw ByteReader.Failure() }
        node.states = StateSet(rawValue: raw)
        if try reader.readBool() {
            node.bounds = Bounds(
                x: try reader.readDouble(), y: try reader.readDouble(), width: try reader.readDouble(), height: try reader.readDouble())
        }
        for _ in 0..<(try reader.readCount()) {
            let key = try reader.readString()
            node.attributes[key] = try reader.readString()
        }
        let count = try reader.readCount()
        node.children.reserveCapacity(count)
        for _ in 0..<count { node.children.append(try decodeNode(from: &reader, depth: depth + 1)) }
        return node
    }
}
