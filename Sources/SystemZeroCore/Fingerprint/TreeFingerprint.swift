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
        for byte in text.utf8 { fnv(&hash, byte) }
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
        var out: [UInt8] = []
        out.reserveCapacity(nodes.count * 12)
        encode(nodes, content: false, masked: [], into: &out)
        return hex(SHA256.hash(data: out))
    }

    /// The content signature of a flattened tree, masking the names and values of `masked`.
    public static func contentSignature(_ nodes: [UITree.Node], masked: Set<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(nodes.count * 48)
        encode(nodes, content: true, masked: masked, into: &out)
        return hex(SHA256.hash(data: out))
    }

    /// The canonical encoding (structure or content) as text, for documentation and debugging.
    public static func encoding(_ nodes: [UITree.Node], content: Bool, masked: Set<Int> = []) -> String {
        var out: [UInt8] = []
        encode(nodes, content: content, masked: masked, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func encode(_ nodes: [UITree.Node], content: Bool, masked: Set<Int>, into out: inout [UInt8]) {
        guard !nodes.isEmpty else { return }
        // Pre-order with an explicit stack of open subtrees (index and end), so depth costs no recursion.
        var open: [(index: Int, end: Int)] = []
        open.reserveCapacity(32)
        let masking = !masked.isEmpty
        for index in nodes.indices {
            while let last = open.last, index >= last.end {
                out.append(UInt8(ascii: ")"))
                open.removeLast()
            }
            if let last = open.last, index != last.index + 1 { out.append(UInt8(ascii: ",")) }
            let node = nodes[index]
            out.append(contentsOf: node.role.rawValue.utf8)
            if content {
                out.append(UInt8(ascii: "["))
                escape(node.id, into: &out)
                out.append(UInt8(ascii: "|"))
                let isMasked = masking && masked.contains(index)
                if isMasked { out.append(UInt8(ascii: "*")) } else { escape(node.name, into: &out) }
                out.append(UInt8(ascii: "|"))
                if isMasked { out.append(UInt8(ascii: "*")) } else { escape(node.value, into: &out) }
                out.append(UInt8(ascii: "|"))
                appendStateNames(node.states, into: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "("))
            open.append((index, node.end))
        }
        for _ in open { out.append(UInt8(ascii: ")")) }
    }

    /// The sorted state names joined by `,` (`states.names.joined(separator: ",")`), appended as UTF-8.
    @inline(__always)
    private static func appendStateNames(_ states: StateSet, into out: inout [UInt8]) {
        guard states.rawValue != 0 else { return }
        var first = true
        for entry in StateSet.namedUTF8 where states.rawValue & entry.bits == entry.bits {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: entry.name)
        }
    }

    @inline(__always)
    private static func escape(_ text: String?, into out: inout [UInt8]) {
        guard let text else { return }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "*"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            default:
                out.append(byte)
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
