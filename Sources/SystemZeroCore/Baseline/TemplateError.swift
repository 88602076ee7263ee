/// A template that cannot be used: the file, the line and the field are named.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var field: String?
    public var message: String

    public init(file: String? = nil, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let line { parts.append("line \(line)") }
        if let field { parts.append(field) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
