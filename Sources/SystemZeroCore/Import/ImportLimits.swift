/// Bounds that every importer enforces before and while it reads, so that hostile input costs bounded
/// time and memory. The defaults sit far above any real screen (a busy web page has a few thousand nodes,
/// rarely deeper than 60 levels).
public struct ImportLimits: Sendable, Hashable {
    /// The largest input accepted, in bytes.
    public var maxBytes: Int
    /// The deepest nesting accepted, counting both the document's own nesting and the tree's.
    public var maxDepth: Int
    /// The most nodes a tree may have.
    public var maxNodes: Int
    /// The longest string accepted (a name, a value, an attribute), in UTF-8 bytes.
    public var maxStringLength: Int

    public init(maxBytes: Int = 16 << 20, maxDepth: Int = 200, maxNodes: Int = 100_000, maxStringLength: Int = 64 << 10) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxStringLength = maxStringLength
    }

    /// The defaults.
    public static let `default` = ImportLimits()
}
