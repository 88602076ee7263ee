/// Where in an input a problem was found.
public enum SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// A line and column, both from 1.
    case line(Int, column: Int)
    /// A JSON path such as `$.tree.children[2].bounds`.
    case path(String)

    public var description: String {
        switch self {
        case .line(let line, let column): "line \(line), column \(column)"
        case .path(let path): path
        }
    }

    /// The line and column of a byte offset in `bytes`.
    static func of(offset: Int, in bytes: some Collection<UInt8>) -> SourcePosition {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return .line(line, column: column)
    }
}

/// Why an input could not be imported. Every case names the limit or the rule that was broken.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The input is larger than ``ImportLimits/maxBytes``.
        case tooLarge(bytes: Int, limit: Int)
        /// Nesting goes deeper than ``ImportLimits/maxDepth``.
        case tooDeep(limit: Int)
        /// The tree has more nodes than ``ImportLimits/maxNodes``.
        case tooManyNodes(limit: Int)
        /// A string is longer than ``ImportLimits/maxStringLength`` bytes.
        case stringTooLong(limit: Int)
        /// The bytes are not valid UTF-8.
        case invalidUTF8
        /// The input breaks the syntax of its format.
        case malformed(String)
        /// The input uses a construct that is refused for safety (DTDs, entities, YAML anchors and aliases).
        case forbidden(String)
        /// The syntax is right but a value is not what the format allows.
        case invalidValue(String)
        /// The format could not be told from the content.
        case unknownFormat
    }

    public var reason: Reason
    /// The file the input came from, when there was one.
    public var file: String?
    /// Where in the input the problem is, when known.
    public var position: SourcePosition?

    public init(_ reason: Reason, file: String? = nil, position: SourcePosition? = nil) {
        self.reason = reason
        self.file = file
        self.position = position
    }

    /// The same error, naming `file`.
    public func naming(file: String?) -> ImportError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let position { parts.append(position.description) }
        let message: String =
            switch reason {
            case .tooLarge(let bytes, let limit): "input of \(bytes) bytes is larger than the limit of \(limit) bytes (max_bytes)"
            case .tooDeep(let limit): "nesting is deeper than the limit of \(limit) levels (max_depth)"
            case .tooManyNodes(let limit): "more nodes than the limit of \(limit) (max_nodes)"
            case .stringTooLong(let limit): "a string is longer than the limit of \(limit) bytes (max_string_length)"
            case .invalidUTF8: "the input is not valid UTF-8"
            case .malformed(let detail): detail
            case .forbidden(let detail): detail
            case .invalidValue(let detail): detail
            case .unknownFormat:
                "the format could not be recognised (expected native JSON, uiautomator or Appium XML, XCUITest XML, Chrome AX JSON or an "
                    + "ARIA snapshot); name it with --format"
            }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
