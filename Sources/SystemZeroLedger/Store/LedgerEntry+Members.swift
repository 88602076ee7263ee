extension LedgerEntry {
    /// The bytes of a top-level member's value, exactly as stored (for answers that pass parts of an entry through
    /// without parsing and writing them again); `nil` when the entry has no such member or is not a JSON object.
    public func rawMember(_ name: String) -> ArraySlice<UInt8>? {
        let wanted = Array(name.utf8)
        return data.withUnsafeBufferPointer { buffer -> ArraySlice<UInt8>? in
            var scanner = EntryScanner(bytes: buffer)
            var range: Range<Int>?
            do throws(EntryScanner.Malformed) {
                try scanner.object { key, scanner throws(EntryScanner.Malformed) in
                    let start = scanner.index
                    try scanner.skipValue()
                    if range == nil, key.elementsEqual(wanted) { range = start..<scanner.index }
                }
            } catch {
                return nil
            }
            return range.map { data[$0] }
        }
    }
}
