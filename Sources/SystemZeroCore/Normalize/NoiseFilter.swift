/// A rule that removes a node (and what it holds) that says nothing about the screen: the status bar's
/// clock and battery, the navigation bar, live regions that tick.
///
/// A configuration can add its own; ``defaults`` covers Android's system UI.
public struct NoiseFilter: Sendable, Hashable {
    /// What a node must have to be removed.
    public enum Match: Sendable, Hashable {
        /// An id that starts with the text.
        case idPrefix(String)
        /// An id equal to the text.
        case id(String)
        /// A role.
        case role(Role)
        /// A name equal to the text.
        case name(String)
    }

    public var match: Match

    public init(_ match: Match) {
        self.match = match
    }

    /// `true` when the filter removes `node`.
    public func matches(_ node: UINode) -> Bool {
        matches(role: node.role, id: node.id, name: node.name)
    }

    /// `true` when the filter removes a node with these fields.
    func matches(role: Role, id: String?, name: String?) -> Bool {
        switch match {
        case .idPrefix(let prefix): id?.hasPrefix(prefix) ?? false
        case .id(let text): id == text
        case .role(let filtered): role == filtered
        case .name(let text): name == text
        }
    }

    /// Android's status bar, navigation bar and their backgrounds.
    public static let defaults: [NoiseFilter] = [
        NoiseFilter(.idPrefix("com.android.systemui:id/")),
        NoiseFilter(.id("android:id/statusBarBackground")),
        NoiseFilter(.id("android:id/navigationBarBackground")),
    ]
}
