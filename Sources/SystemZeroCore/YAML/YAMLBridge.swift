import Yams

/// Converts composed YAML into ``JSONValue`` so that one decoder serves JSON and YAML documents alike.
/// Plain scalars that YAML resolves as null, booleans, integers or floats become those JSON values.
enum YAMLBridge {
    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if let fast = plainFastPath(scalar.string) { return fast }
                if node.null != nil { return .null }
                if let bool = node.bool { return .bool(bool) }
                if let int = node.int { return .number(Double(int)) }
                if let float = node.float, float.isFinite { return .number(float) }
            }
            return .string(scalar.string)
        case .mapping(let mapping):
            return .object(mapping.map { (key: $0.key.string ?? "", value: json($0.value)) })
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .alias:
            return .null
        }
    }

    /// The value of the commonest plain scalars without Yams' constructors (each of which copies the text to strip
    /// `_`): a word starting with a letter that is no YAML null or boolean is text, and a decimal integer without a
    /// leading zero is that number. `nil` leaves the scalar to Yams. Gives exactly what the constructors would.
    static func plainFastPath(_ text: String) -> JSONValue? {
        var utf8 = text.utf8.makeIterator()
        guard let first = utf8.next() else { return nil }
        switch first {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            // Only these words (in any case for booleans) resolve to null or a boolean; no word that starts with a
            // letter is a finite number or an integer (`inf` and `nan` are not finite, and radix prefixes start with 0).
            switch text.count {
            case 2, 3, 4, 5:
                return specialWords.contains(text.lowercased()) ? nil : .string(text)
            default:
                return .string(text)
            }
        case UInt8(ascii: "1")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            var digits = first == UInt8(ascii: "-") ? 0 : 1
            while let byte = utf8.next() {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                digits += 1
            }
            // Up to 15 digits: an exact Int and an exact Double; a leading "-0" is left to Yams (octal).
            guard digits > 0, digits <= 15, !text.hasPrefix("-0"), let value = Int(text) else { return nil }
            return .number(Double(value))
        default:
            return nil
        }
    }

    /// Plain words that Yams reads as null or a boolean (lowercased).
    private static let specialWords: Set<String> = ["null", "true", "yes", "on", "false", "no", "off"]
}
