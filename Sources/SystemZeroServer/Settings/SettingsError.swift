/// A configuration problem that stops the server from starting (or a reload from applying).
public struct SettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The variable or file at fault.
    public var subject: String
    /// What is wrong, and the form expected.
    public var message: String

    public init(_ subject: String, _ message: String) {
        self.subject = subject
        self.message = message
    }

    public var description: String { "\(subject): \(message)" }
}
