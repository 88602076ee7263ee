/// A C2SP tlog-checkpoint body: the origin, tree size and root hash of a log, plus optional extension lines.
///
/// ```
/// <origin>\n
/// <tree size, decimal>\n
/// <base64 root hash>\n
/// [<extension line>\n …]
/// ```
///
/// A checkpoint is the text of a ``SignedNote``; see ``signed(by:)`` and ``open(_:verifiers:expectedOrigin:)``.
public struct Checkpoint: Sendable {
    /// The log's unique identity, conventionally a schema-less URL.
    public let origin: String
    /// The number of leaves in the tree.
    public let size: UInt64
    /// `MTH` of the first ``size`` leaves.
    public let rootHash: Hash32
    /// Opaque extension lines, without their newlines.
    public let extensionLines: [String]

    /// Creates a checkpoint.
    ///
    /// - Throws: ``CheckpointError`` if the origin is empty, or the origin or an extension line is empty
    ///   (extensions only) or contains a control character.
    public init(origin: String, size: UInt64, rootHash: Hash32, extensionLines: [String] = []) throws(CheckpointError) {
        guard !origin.isEmpty else { throw .emptyOrigin }
        guard Self.isValidLine(origin) else { throw .invalidCharacter }
        for line in extensionLines {
            guard !line.isEmpty else { throw .emptyExtensionLine }
            guard Self.isValidLine(line) else { throw .invalidCharacter }
        }
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensionLines = extensionLines
    }

    /// Parses a checkpoint body (a signed note's text).
    ///
    /// Strict: the tree size must be canonical decimal (no sign, no leading zeros except `0`) and fit in
    /// `UInt64`; the root hash must be canonical padded base64 of 32 bytes; extension lines must be non-empty.
    public init(parsing text: String) throws(CheckpointError) {
        guard text.utf8.last == 0x0A else { throw .missingTrailingNewline }
        var lines = text.utf8.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        guard lines.count >= 3 else { throw .missingLines }
        let origin = lines.removeFirst()
        let sizeLine = lines.removeFirst()
        let rootLine = lines.removeFirst()
        // Lines are checked in order, so the first bad line names the error.
        guard !origin.isEmpty else { throw .emptyOrigin }
        guard let size = Self.parseTreeSize(sizeLine) else { throw .invalidTreeSize }
        guard let rootHash = Hash32(base64: rootLine) else { throw .invalidRootHash }
        try self.init(origin: origin, size: size, rootHash: rootHash, extensionLines: lines)
    }

    /// The checkpoint body, ending in a newline.
    public var text: String {
        ([self.origin, String(self.size), self.rootHash.base64] + self.extensionLines).map { $0 + "\n" }.joined()
    }

    private static func isValidLine(_ line: String) -> Bool {
        !line.utf8.contains { $0 < 0x20 || $0 == 0x7F }
    }

    private static func parseTreeSize(_ line: String) -> UInt64? {
        let digits = Array(line.utf8)
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        guard digits.count == 1 || digits[0] != UInt8(ascii: "0") else { return nil }
        return UInt64(line, radix: 10)
    }
}

extension Checkpoint: Hashable {
    /// Equal when the bodies are byte for byte equal.
    public static func == (lhs: Checkpoint, rhs: Checkpoint) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    /// Hashes the body bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(self.text.utf8))
    }
}
