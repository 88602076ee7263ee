/// The true states of a node, as a bit set. Written out as a sorted list of names.
public struct StateSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    public static let checked = StateSet(rawValue: 1 << 0)
    public static let mixed = StateSet(rawValue: 1 << 1)
    public static let selected = StateSet(rawValue: 1 << 2)
    public static let disabled = StateSet(rawValue: 1 << 3)
    public static let focused = StateSet(rawValue: 1 << 4)
    public static let expanded = StateSet(rawValue: 1 << 5)
    public static let pressed = StateSet(rawValue: 1 << 6)
    public static let hidden = StateSet(rawValue: 1 << 7)
    public static let focusable = StateSet(rawValue: 1 << 8)
    public static let checkable = StateSet(rawValue: 1 << 9)
    public static let clickable = StateSet(rawValue: 1 << 10)
    public static let longClickable = StateSet(rawValue: 1 << 11)
    public static let scrollable = StateSet(rawValue: 1 << 12)
    public static let password = StateSet(rawValue: 1 << 13)
    public static let required = StateSet(rawValue: 1 << 14)
    public static let readonly = StateSet(rawValue: 1 << 15)
    public static let busy = StateSet(rawValue: 1 << 16)
    public static let modal = StateSet(rawValue: 1 << 17)
    public static let invalid = StateSet(rawValue: 1 << 18)
    public static let editable = StateSet(rawValue: 1 << 19)
    public static let multiline = StateSet(rawValue: 1 << 20)
    public static let multiselectable = StateSet(rawValue: 1 << 21)
    public static let visited = StateSet(rawValue: 1 << 22)
    public static let collapsed = StateSet(rawValue: 1 << 23)

    /// Every state with its written name, in the order names are written (alphabetical).
    public static let named: [(name: String, state: StateSet)] = [
        ("busy", .busy), ("checkable", .checkable), ("checked", .checked), ("clickable", .clickable),
        ("collapsed", .collapsed), ("disabled", .disabled), ("editable", .editable), ("expanded", .expanded),
        ("focusable", .focusable), ("focused", .focused), ("hidden", .hidden), ("invalid", .invalid),
        ("long_clickable", .longClickable), ("mixed", .mixed), ("modal", .modal), ("multiline", .multiline),
        ("multiselectable", .multiselectable), ("password", .password), ("pressed", .pressed), ("readonly", .readonly),
        ("required", .required), ("scrollable", .scrollable), ("selected", .selected), ("visited", .visited),
    ]

    /// The state with this name, or `nil`.
    public init?(name: String) {
        guard let state = Self.byName[name] else { return nil }
        self = state
    }

    /// The state whose name is exactly the bytes in `range` of `bytes`, or `nil`: what `init?(name:)` gives for
    /// those bytes as text (the names are ASCII without `K`, `;` or `` ` ``, so no other text is canonically
    /// equivalent to one of them and comparing bytes is exact).
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
        for entry in Self.namedUTF8 where entry.name.count == range.count {
            var equal = true
            var offset = 0
            for index in range {
                if bytes[index] != entry.name[offset] {
                    equal = false
                    break
                }
                offset += 1
            }
            if equal {
                self.init(rawValue: entry.bits)
                return
            }
        }
        return nil
    }

    /// ``named`` as a table (the names are distinct, so a lookup finds what a search in order finds).
    private static let byName: [String: StateSet] = Dictionary(uniqueKeysWithValues: named.map { ($0.name, $0.state) })

    /// The names of the states in the set, sorted.
    public var names: [String] {
        guard rawValue != 0 else { return [] }
        var names: [String] = []
        for entry in Self.named where contains(entry.state) { names.append(entry.name) }
        return names
    }

    /// The UTF-8 of each name in ``named``, in the same order, for writers that append bytes.
    static let namedUTF8: [(bits: UInt32, name: [UInt8])] = named.map { ($0.state.rawValue, Array($0.name.utf8)) }

    /// For each state in ``named`` order: its bit and where its name's UTF-8 lies in ``flatNamesUTF8``.
    static let flatNamed: [(bits: UInt32, start: Int, end: Int)] = {
        var entries: [(bits: UInt32, start: Int, end: Int)] = []
        var start = 0
        for entry in namedUTF8 {
            entries.append((entry.bits, start, start + entry.name.count))
            start += entry.name.count
        }
        return entries
    }()
    static let flatNamesUTF8: [UInt8] = namedUTF8.flatMap(\.name)

    /// The most bytes the names of any set take joined by commas.
    static let namesUTF8Bound: Int = namedUTF8.reduce(0) { $0 + $1.name.count + 1 }
}
