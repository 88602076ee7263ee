/// What a node is for, as the classifier sees it. The drift rules reason in these terms.
public enum NodeClass: String, Sendable, Hashable, CaseIterable {
    /// The action the screen wants taken: accept, pay, continue, subscribe.
    case primaryAction = "primary_action"
    /// The other way out: decline, cancel, not now, close.
    case secondaryAction = "secondary_action"
    /// An action that destroys or removes something: delete, remove, discard.
    case destructiveAction = "destructive_action"
    /// Something the user types into or toggles.
    case input
    /// Information: text, headings, named images, values.
    case content
    /// Moving elsewhere: links, tabs, menus, navigation landmarks.
    case navigation
    /// Decoration: unnamed images, separators, scroll bars.
    case decoration
    /// A node that only holds others.
    case container
}
