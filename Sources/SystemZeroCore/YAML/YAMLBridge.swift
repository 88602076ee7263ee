import Yams

/// Converts composed YAML into ``JSONValue`` so that one decoder serves JSON and YAML documents alike.
/// Plain scalars that YAML resolves as null, booleans, integers or floats become those JSON values.
enum YAMLBridge {
    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
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
}
