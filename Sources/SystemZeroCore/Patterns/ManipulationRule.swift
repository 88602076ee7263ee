/// What a manipulative-pattern rule sees of one capture.
public struct RuleContext: Sendable {
    /// The normalized capture.
    public var tree: UITree
    /// The template it matched, or `nil` for an unknown screen.
    public var template: Template?
    /// The template's reference paired against the capture (masks applied), when there is a reference.
    public var diff: TreeDiff?
    /// The previous capture of the same session and the screen it matched, when there is one.
    public var previous: UITree?
    public var previousScreen: String?
    /// The screen ids of the session so far, oldest first, not counting this capture.
    public var history: [String]
    /// The session id, when the capture had one.
    public var session: String?

    public init(
        tree: UITree, template: Template?, diff: TreeDiff? = nil, previous: UITree? = nil, previousScreen: String? = nil,
        history: [String] = [], session: String? = nil
    ) {
        self.tree = tree
        self.template = template
        self.diff = diff
        self.previous = previous
        self.previousScreen = previousScreen
        self.history = history
        self.session = session
    }

    /// The matched screen's id, or `unknown`.
    public var screen: String { template?.screenID ?? "unknown" }
}

/// A detector of one manipulative pattern. Each rule is a small value type; ``ManipulationRules/all`` lists them.
public protocol ManipulationRule: Sendable {
    /// The rule's id, used as the event's `rule`.
    var id: String { get }
    /// The events this rule raises for a capture.
    func evaluate(_ context: RuleContext) -> [DriftEvent]
}
