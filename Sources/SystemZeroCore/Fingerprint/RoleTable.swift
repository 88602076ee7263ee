/// Per-role constants for the hot paths: each role's name as UTF-8 and its FNV-1a hash, found by the role's
/// case number instead of building `rawValue` each time, and the role of a name found from its bytes.
enum RoleTable {
    /// The roles in declaration order (`allCases`), so a role's case number indexes the tables.
    static let roles: [Role] = Role.allCases

    /// Each role's name as UTF-8, by case number.
    static let names: [[UInt8]] = roles.map { Array($0.rawValue.utf8) }

    /// All the names' UTF-8 one after another, and where each role's starts and ends, by case number.
    static let flatNames: [UInt8] = names.flatMap { $0 }
    static let flatNameBounds: [(start: Int, end: Int)] = {
        var bounds: [(start: Int, end: Int)] = []
        var start = 0
        for name in names {
            bounds.append((start, start + name.count))
            start += name.count
        }
        return bounds
    }()

    /// Each role's name hashed from the FNV-1a offset basis, by case number (see ``TreeFingerprint/roleHash(_:)``).
    static let hashes: [UInt64] = roles.map { role in
        var hash = TreeFingerprint.fnvOffset
        for byte in role.rawValue.utf8 { TreeFingerprint.fnv(&hash, byte) }
        return hash
    }

    /// `true` when a role's stored byte is its case number for every role, checked once; otherwise the tables
    /// are not used and callers take their general path.
    static let caseNumbersAreStoredBytes: Bool = {
        guard MemoryLayout<Role>.size == 1, roles.count <= 256 else { return false }
        for (number, role) in roles.enumerated() where storedByte(role) != number { return false }
        return true
    }()

    @inline(__always)
    private static func storedByte(_ role: Role) -> Int {
        withUnsafeBytes(of: role) { bytes in bytes.first.map(Int.init) ?? -1 }
    }

    /// The role's case number, or `nil` when the tables cannot be used.
    @inline(__always)
    static func caseNumber(_ role: Role) -> Int? {
        guard caseNumbersAreStoredBytes else { return nil }
        let number = storedByte(role)
        return number >= 0 && number < roles.count ? number : nil
    }

    // MARK: - Roles by name

    private static let slotCount = 512

    /// Open addressing: each slot holds a case number + 1, or 0 when empty.
    private static let slots: [UInt16] = {
        var slots = [UInt16](repeating: 0, count: slotCount)
        for (number, name) in names.enumerated() {
            var slot = name.withUnsafeBufferPointer { slotHash($0, 0..<$0.count) }
            while slots[slot] != 0 { slot = (slot + 1) & (slotCount - 1) }
            slots[slot] = UInt16(number + 1)
        }
        return slots
    }()

    /// A hash of the length and the first, second and last bytes (all the role names differ in these enough).
    @inline(__always)
    private static func slotHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let length = range.count
        guard length > 0, range.lowerBound >= 0, range.upperBound <= bytes.count else { return 0 }
        let first = UInt32(bytes[range.lowerBound])
        let second = length > 1 ? UInt32(bytes[range.lowerBound + 1]) : 0
        let last = UInt32(bytes[range.upperBound - 1])
        var hash = UInt32(truncatingIfNeeded: length) &* 2_654_435_761
        hash ^= first &* 40_503
        hash ^= last &* 9_973
        hash ^= second &* 131
        return Int((hash ^ (hash >> 15)) & UInt32(slotCount - 1))
    }

    /// The role whose own name is exactly the bytes in `range`, or `nil`.
    static func role(named bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Role? {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count, range.count <= 16 else { return nil }
        var slot = slotHash(bytes, range)
        let slots = self.slots
        let names = self.names
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            let name = names[entry - 1]
            if name.count == range.count {
                var equal = true
                var offset = 0
                for index in range {
                    if bytes[index] != name[offset] {
                        equal = false
                        break
                    }
                    offset += 1
                }
                if equal { return roles[entry - 1] }
            }
            slot = (slot + 1) & (slotCount - 1)
        }
    }
}
