import Crypto

/// The fingerprints of a normalized tree. The encodings are fixed; `docs/FORMATS.md` gives them in full.
///
/// - **Structure encoding**: pre-order, each node written as `role(` its children joined by `,` `)`, for
///   example `window(group(button(),button()))`.
/// - **Content encoding**: each node written as `role[id|name|value|states](children)`, where the text fields
///   escape `\ | [ ] ( ) , *` with a backslash, absent fields are empty, states are their sorted names joined
///   by `,`, and a masked node's name and value are each written as a bare `*`.
/// - **Signatures** are the lower-case hex SHA-256 of the UTF-8 encodings.
/// - **Subtree hashes** are 64-bit FNV-1a over the node's own encoding followed by its children's hashes
///   (8 bytes each, little-endian); equal subtrees have equal hashes, whatever their place.
public enum TreeFingerprint {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func fnv(_ hash: inout UInt64, _ byte: UInt8) {
        hash = (hash ^ UInt64(byte)) &* fnvPrime
    }

    @inline(__always)
    static func fnv(_ hash: inout UInt64, _ text: String) {
        var text = text
        var value = hash
        text.withUTF8 { bytes in
            for byte in bytes { value = (value ^ UInt64(byte)) &* fnvPrime }
        }
        hash = value
    }

    @inline(__always)
    static func fnv(_ hash: inout UInt64, word: UInt64) {
        var value = word
        for _ in 0..<8 {
            fnv(&hash, UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
    }

    /// The hash of the role's name alone: where both subtree hashes of a node start.
    @inline(__always)
    static func roleHash(_ role: Role) -> UInt64 {
        if let number = RoleTable.caseNumber(role) { return RoleTable.hashes[number] }
        var hash = fnvOffset
        fnv(&hash, role.rawValue)
        return hash
    }

    /// A node's content hash before its children's hashes, continuing from ``roleHash(_:)``.
    @inline(__always)
    static func contentHashPrefix(roleHash: UInt64, id: String?, name: String?, value: String?, states: StateSet) -> UInt64 {
        var content = roleHash
        fnv(&content, 0x1F)
        if let id { fnv(&content, id) }
        fnv(&content, 0x1F)
        if let name { fnv(&content, name) }
        fnv(&content, 0x1F)
        if let value { fnv(&content, value) }
        fnv(&content, 0x1F)
        fnv(&content, word: UInt64(states.rawValue & ~StateSet.focused.rawValue))
        return content
    }

    /// Fills in both subtree hashes of every node, children before parents.
    static func computeSubtreeHashes(_ nodes: inout [UITree.Node]) {
        var index = nodes.count - 1
        while index >= 0 {
            let node = nodes[index]
            var structure = roleHash(node.role)
            var content = contentHashPrefix(roleHash: structure, id: node.id, name: node.name, value: node.value, states: node.states)
            var child = index + 1
            while child < node.end {
                fnv(&structure, word: nodes[child].structureHash)
                fnv(&content, word: nodes[child].contentHash)
                child = nodes[child].end
            }
            nodes[index].structureHash = structure
            nodes[index].contentHash = content
            index -= 1
        }
    }

    /// The structure signature of a flattened tree.
    public static func structureSignature(_ nodes: [UITree.Node]) -> String {
        hex(SHA256.hash(data: encodingBytes(nodes, content: false, masked: [])))
    }

    /// The content signature of a flattened tree, masking the names and values of `masked`.
    public static func contentSignature(_ nodes: [UITree.Node], masked: Set<Int>) -> String {
        hex(SHA256.hash(data: encodingBytes(nodes, content: true, masked: masked)))
    }

    /// The canonical encoding (structure or content) as text, for documentation and debugging.
    public static func encoding(_ nodes: [UITree.Node], content: Bool, masked: Set<Int> = []) -> String {
        String(decoding: encodingBytes(nodes, content: content, masked: masked), as: UTF8.self)
    }

    /// The canonical encoding as UTF-8.
    ///
    /// Written straight into an array's storage: before each node, a bound on what the node can add (every
    /// text escaped, every state named, every open subtree closed) is checked against the room left, so no write
    /// goes past the end; when the room runs out the encoding is made again with more room, or, failing that, by
    /// appending.
    static func encodingBytes(_ nodes: [UITree.Node], content: Bool, masked: Set<Int>) -> [UInt8] {
        guard !nodes.isEmpty else { return [] }
        var capacity = nodes.count * (content ? 64 : 16) + 64
        for _ in 0..<2 {
            var complete = false
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                let written = writeEncoding(nodes, content: content, masked: masked, into: buffer)
                initialized = written ?? 0
                complete = written != nil
            }
            if complete { return bytes }
            capacity = exactBound(nodes, content: content)
        }
        var out = ByteAppender()
        encode(nodes, content: content, masked: masked, into: &out)
        return out.bytes
    }

    /// A bound on the size of the encoding.
    private static func exactBound(_ nodes: [UITree.Node], content: Bool) -> Int {
        var bound = 0
        for node in nodes {
            bound += node.role.rawValue.utf8.count + 3
            if content {
                bound += 7 + 2 * ((node.id?.utf8.count ?? 0) + (node.name?.utf8.count ?? 0) + (node.value?.utf8.count ?? 0))
                if node.states.rawValue != 0 { bound += StateSet.namesUTF8Bound }
            }
        }
        return bound + 64
    }

    /// The bytes that are escaped in the content encoding: `\ | [ ] ( ) , *`, as bits of two words (0-63, 64-127).
    private static let escapedLow: UInt64 = (1 << 0x28) | (1 << 0x29) | (1 << 0x2A) | (1 << 0x2C)
    private static let escapedHigh: UInt64 = (1 << (0x5B - 64)) | (1 << (0x5C - 64)) | (1 << (0x5D - 64)) | (1 << (0x7C - 64))

    @inline(__always)
    private static func isEscaped(_ byte: UInt8) -> Bool {
        byte < 64 ? (escapedLow >> UInt64(byte)) & 1 != 0 : byte < 128 ? (escapedHigh >> UInt64(byte - 64)) & 1 != 0 : false
    }

    /// Writes `text` escaped at `count`; the caller has checked the room (twice its length).
    @inline(__always)
    private static func writeEscaped(_ text: String?, into buffer: UnsafeMutableBufferPointer<UInt8>, at count: inout Int) {
        guard let text else { return }
        var position = count
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes {
                if isEscaped(byte) {
                    buffer[position] = UInt8(ascii: "\\")
                    position &+= 1
                }
                buffer[position] = byte
                position &+= 1
            }
        }
        if written == nil {
            for byte in text.utf8 {
                if isEscaped(byte) {
                    buffer[position] = UInt8(ascii: "\\")
                    position &+= 1
                }
                buffer[position] = byte
                position &+= 1
            }
        }
        count = position
    }

    /// Writes the encoding into `buffer`; the number of bytes written, or `nil` when it did not fit.
    private static func writeEncoding(
        _ nodes: [UITree.Node], content: Bool, masked: Set<Int>, into buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int? {
        let capacity = buffer.count
        var count = 0
        var open: [(index: Int, end: Int)] = []
        open.reserveCapacity(32)
        let masking = !masked.isEmpty
        let roleNames = RoleTable.flatNames
        let roleBounds = RoleTable.flatNameBounds
        let stateEntries = StateSet.flatNamed
        let stateNames = StateSet.flatNamesUTF8
        var otherRole: [UInt8] = []

        for index in nodes.indices {
            let role = nodes[index].role
            // The role's name: a range of the table's bytes, or (without the table) its own bytes.
            var roleStart = 0
            var roleEnd = 0
            if let number = RoleTable.caseNumber(role) {
                (roleStart, roleEnd) = roleBounds[number]
            } else {
                otherRole = Array(role.rawValue.utf8)
            }
            let roleLength = roleEnd > roleStart ? roleEnd - roleStart : otherRole.count
            // The most this node can write: closing every open subtree, a comma, its role, `(` and its content.
            var room = open.count + 2 + roleLength
            if content {
                room +=
                    7 + 2
                    * ((nodes[index].id?.utf8.count ?? 0) + (nodes[index].name?.utf8.count ?? 0) + (nodes[index].value?.utf8.count ?? 0))
                if nodes[index].states.rawValue != 0 { room += StateSet.namesUTF8Bound }
            }
            guard room <= capacity - count else { return nil }
            while let last = open.last, index >= last.end {
                buffer[count] = UInt8(ascii: ")")
                count &+= 1
                open.removeLast()
            }
            if let last = open.last, index != last.index + 1 {
                buffer[count] = UInt8(ascii: ",")
                count &+= 1
            }
            if roleEnd > roleStart {
                for position in roleStart..<roleEnd {
                    buffer[count] = roleNames[position]
                    count &+= 1
                }
            } else {
                for byte in otherRole {
                    buffer[count] = byte
                    count &+= 1
                }
            }
            if content {
                buffer[count] = UInt8(ascii: "[")
                count &+= 1
                writeEscaped(nodes[index].id, into: buffer, at: &count)
                buffer[count] = UInt8(ascii: "|")
                count &+= 1
                let isMasked = masking && masked.contains(index)
                if isMasked {
                    buffer[count] = UInt8(ascii: "*")
                    count &+= 1
                } else {
                    writeEscaped(nodes[index].name, into: buffer, at: &count)
                }
                buffer[count] = UInt8(ascii: "|")
                count &+= 1
                if isMasked {
                    buffer[count] = UInt8(ascii: "*")
                    count &+= 1
                } else {
                    writeEscaped(nodes[index].value, into: buffer, at: &count)
                }
                buffer[count] = UInt8(ascii: "|")
                count &+= 1
                let states = nodes[index].states.rawValue
                if states != 0 {
                    // The sorted state names joined by `,` (`states.names.joined(separator: ",")`).
                    var first = true
                    for entry in stateEntries where states & entry.bits == entry.bits {
                        if !first {
                            buffer[count] = UInt8(ascii: ",")
                            count &+= 1
                        }
                        first = false
                        for position in entry.start..<entry.end {
                            buffer[count] = stateNames[position]
                            count &+= 1
                        }
                    }
                }
                buffer[count] = UInt8(ascii: "]")
                count &+= 1
            }
            buffer[count] = UInt8(ascii: "(")
            count &+= 1
            open.append((index, nodes[index].end))
        }
        guard open.count <= capacity - count else { return nil }
        for _ in open {
            buffer[count] = UInt8(ascii: ")")
            count &+= 1
        }
        return count
    }

    private static func encode(_ nodes: [UITree.Node], content: Bool, masked: Set<Int>, into out: inout some EncodingSink) {
        // Pre-order with an explicit stack of open subtrees (index and end), so depth costs no recursion.
        var open: [(index: Int, end: Int)] = []
        open.reserveCapacity(32)
        let masking = !masked.isEmpty
        for index in nodes.indices {
            while let last = open.last, index >= last.end {
                out.put(UInt8(ascii: ")"))
                open.removeLast()
            }
            if let last = open.last, index != last.index + 1 { out.put(UInt8(ascii: ",")) }
            let role = nodes[index].role
            if let number = RoleTable.caseNumber(role) {
                out.put(RoleTable.names[number])
            } else {
                out.put(Array(role.rawValue.utf8))
            }
            if content {
                out.put(UInt8(ascii: "["))
                escape(nodes[index].id, into: &out)
                out.put(UInt8(ascii: "|"))
                let isMasked = masking && masked.contains(index)
                if isMasked { out.put(UInt8(ascii: "*")) } else { escape(nodes[index].name, into: &out) }
                out.put(UInt8(ascii: "|"))
                if isMasked { out.put(UInt8(ascii: "*")) } else { escape(nodes[index].value, into: &out) }
                out.put(UInt8(ascii: "|"))
                let states = nodes[index].states
                if states.rawValue != 0 {
                    // The sorted state names joined by `,` (`states.names.joined(separator: ",")`).
                    var first = true
                    for entry in StateSet.namedUTF8 where states.rawValue & entry.bits == entry.bits {
                        if !first { out.put(UInt8(ascii: ",")) }
                        first = false
                        out.put(entry.name)
                    }
                }
                out.put(UInt8(ascii: "]"))
            }
            out.put(UInt8(ascii: "("))
            open.append((index, nodes[index].end))
        }
        for _ in open { out.put(UInt8(ascii: ")")) }
    }

    @inline(__always)
    private static func escape(_ text: String?, into out: inout some EncodingSink) {
        guard var text else { return }
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("),
                    UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "*"):
                    out.put(UInt8(ascii: "\\"))
                    out.put(byte)
                default:
                    out.put(byte)
                }
            }
        }
    }

    /// Lower-case hex of a digest.
    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = hexDigits
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// Where an encoding is written.
private protocol EncodingSink {
    mutating func put(_ byte: UInt8)
    mutating func put(_ bytes: [UInt8])
}

/// Appends to an array.
private struct ByteAppender: EncodingSink {
    var bytes: [UInt8] = []

    mutating func put(_ byte: UInt8) { bytes.append(byte) }
    mutating func put(_ bytes: [UInt8]) { self.bytes.append(contentsOf: bytes) }
}
