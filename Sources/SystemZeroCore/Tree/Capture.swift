/// One screen as a capture source saw it: the tree and where it came from.
public struct Capture: Sendable, Hashable {
    /// The application (Android package, web origin, bundle id).
    public var app: String?
    /// The session it belongs to: captures of one session form a sequence.
    public var session: String?
    /// When it was taken, as RFC 3339 text exactly as the source gave it.
    public var capturedAt: String?
    /// Which capture source produced it, such as `android-uiautomator` or `chrome-cdp`.
    public var source: String?
    /// The screen size, when known.
    public var viewport: Viewport?
    /// The accessibility tree.
    public var tree: UINode

    public init(
        app: String? = nil, session: String? = nil, capturedAt: String? = nil, source: String? = nil,
        viewport: Viewport? = nil, tree: UINode
    ) {
        self.app = app
        self.session = session
        self.capturedAt = capturedAt
        self.source = source
        self.viewport = viewport
        self.tree = tree
    }
}
