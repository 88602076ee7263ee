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

    static func fnv(_ hash: inout UInt64, _ text: String) {
        for byte in text.utf8 { fnv(&hash, byte) }
    }

    static func fnv(_ hash: inout UInt64, word: UInt64) {
        var value = word
        for _ in 0..<8 {
            fnv(&hash, UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
    }

    /// Fills in both subtree hashes of every node, children before parents.
    static func computeSubtreeHashes(_ nodes: inout [UITree.Node]) {
        var index = nodes.count - 1
        while index >= 0 {
            let node = nodes[index]
            var structure = fnvOffset
            fnv(&structure, node.role.rawValue)
            var content = fnvOffset
            fnv(&content, node.role.rawValue)
            fnv(&content, 0x1F)
            fnv(&content, node.id ?? "")
            fnv(&content, 0x1F)
            fnv(&content, node.name ?? "")
            fnv(&content, 0x1F)
            fnv(&content, node.value ?? "")
            fnv(&content, 0x1F)
            fnv(&content, word: UInt64(node.states.rawValue & ~StateSet.focused.rawValue))
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
        out.reserveCapacity(nodes.count * 40)
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
        // Pre-order with an explicit stack of open subtrees, so depth costs no recursion.
        var open: [Int] = []
        for index in nodes.indices {
            while let last = open.last, index >= nodes[last].end {
                out.append(UInt8(ascii: ")"))
                open.removeLast()
            }
            if let last = open.last, index != last + 1 { out.append(UInt8(ascii: ",")) }
            let node = nodes[index]
            out.append(contentsOf: node.role.rawValue.utf8)
            if content {
                out.append(UInt8(ascii: "["))
                escape(node.id, into: &out)
                out.append(UInt8(ascii: "|"))
                if masked.contains(index) { out.append(UInt8(ascii: "*")) } else { escape(node.name, into: &out) }
                out.append(UInt8(ascii: "|"))
                if masked.contains(index) { out.append(UInt8(ascii: "*")) } else { escape(node.value, into: &out) }
                out.append(UInt8(ascii: "|"))
                out.append(contentsOf: node.states.names.joined(separator: ",").utf8)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "("))
            open.append(index)
        }
        for _ in open { out.append(UInt8(ascii: ")")) }
    }

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
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
