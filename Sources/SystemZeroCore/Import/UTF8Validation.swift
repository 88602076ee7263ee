/// UTF-8 checks that say where the first bad byte is.
enum UTF8Validation {
    /// The byte offset of the first invalid sequence, or `nil` when all of `bytes` is valid UTF-8.
    static func firstInvalidOffset(in bytes: some Sequence<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The bytes as a string, or an error at the first invalid sequence.
    static func string(from bytes: [UInt8]) throws(ImportError) -> String {
        if let string = String(validating: bytes, as: UTF8.self) { return string }
        let offset = firstInvalidOffset(in: bytes) ?? 0
        throw ImportError(.invalidUTF8, position: .of(offset: offset, in: bytes))
    }
}
