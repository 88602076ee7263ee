import Foundation

/// What the manipulative-pattern rules share: text folding, phrase matching, money amounts, node labels, and the
/// making of events. Kept in one place so no two rules read a price or a decline label differently.
enum ManipulationSupport {
    // MARK: - Text and phrases

    /// Lower-cased text with typographic apostrophes straightened and whitespace folded to single spaces.
    static func folded(_ text: String?) -> String {
        guard let text else { return "" }
        if let ascii = asciiFolded(text) { return ascii }
        var lower = text.lowercased()
        // Only text with the apostrophe's last UTF-8 byte (0x99) can hold one.
        if lower.utf8.contains(0x99) { lower = lower.replacing("’", with: "'") }
        return lower.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// ``folded(_:)`` for plain ASCII text in one pass over the bytes, or `nil` when the text has a non-ASCII byte.
    /// ASCII lower-casing maps only `A`–`Z`, and the ASCII white space of `Character.isWhitespace` is tab, line feed,
    /// vertical tab, form feed, carriage return and space.
    private static func asciiFolded(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var clean = true
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x09 && byte <= 0x0D) { clean = false }
            }
            if clean && bytes.first != 0x20 && bytes.last != 0x20 {
                var previousSpace = false
                var doubled = false
                for byte in bytes {
                    if byte == 0x20 && previousSpace { doubled = true; break }
                    previousSpace = byte == 0x20
                }
                if !doubled { return String(decoding: bytes, as: UTF8.self) }
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The lower-cased words of a label, split the way the ``NodeClassifier`` splits them.
    static func words(_ text: String?) -> [Substring] { NodeClassifier.words(text) }

    /// The lower-cased words of an identifier: the Android package dropped, split at every non-letter and at
    /// camelCase humps (`com.app:id/tvPayoutAmount` → `tv`, `payout`, `amount`).
    static func identifierWords(_ id: String?) -> [String] {
        guard let id else { return [] }
        if let ascii = asciiIdentifierWords(id) { return ascii }
        var words: [String] = []
        var current = ""
        var previousLower = false
        for character in UITree.shortID(id) {
            if !character.isLetter {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousLower = false
                continue
            }
            if character.isUppercase && previousLower {
                words.append(current)
                current = ""
            }
            current += character.lowercased()
            previousLower = character.isLowercase
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// ``identifierWords(_:)`` for a plain ASCII identifier, from its bytes; `nil` when it has a non-ASCII byte.
    private static func asciiIdentifierWords(_ id: String) -> [String]? {
        var id = id
        return id.withUTF8 { bytes -> [String]? in
            for byte in bytes where byte >= 0x80 { return nil }
            // UITree.shortID: what follows the first ":id/", else the whole id.
            var start = 0
            let marker: [UInt8] = Array(":id/".utf8)
            if bytes.count >= 4 {
                var offset = 0
                while offset + 4 <= bytes.count {
                    if bytes[offset] == marker[0] && bytes[offset + 1] == marker[1] && bytes[offset + 2] == marker[2]
                        && bytes[offset + 3] == marker[3]
                    {
                        start = offset + 4
                        break
                    }
                    offset += 1
                }
            }
            var words: [String] = []
            var current: [UInt8] = []
            var previousLower = false
            var offset = start
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                let upper = byte >= 0x41 && byte <= 0x5A
                let lower = byte >= 0x61 && byte <= 0x7A
                if !upper && !lower {
                    if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
                    current.removeAll(keepingCapacity: true)
                    previousLower = false
                    continue
                }
                if upper && previousLower {
                    words.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
                current.append(upper ? byte + 0x20 : byte)
                previousLower = lower
            }
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            return words
        }
    }

    /// `true` when any of the words is one of the keywords.
    static func containsKeyword(_ words: [some StringProtocol], _ keywords: Set<String>) -> Bool {
        words.contains { keywords.contains(String($0)) }
    }

    /// `true` when one of the ``words(_:)`` of the text is one of the keywords. Plain ASCII text is read from its bytes:
    /// there the words are the runs of letters, digits and apostrophes, lower-cased, as ``words(_:)`` makes them.
    static func containsWord(_ text: String?, in keywords: Set<String>) -> Bool {
        guard var text else { return false }
        let ascii = text.withUTF8 { bytes -> Bool? in
            for byte in bytes where byte >= 0x80 { return nil }
            var word: [UInt8] = []
            var offset = 0
            while offset < bytes.count {
                guard isASCIIWordByte(bytes[offset]) else {
                    offset += 1
                    continue
                }
                word.removeAll(keepingCapacity: true)
                while offset < bytes.count, isASCIIWordByte(bytes[offset]) {
                    let byte = bytes[offset]
                    word.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
                    offset += 1
                }
                if keywords.contains(String(decoding: word, as: UTF8.self)) { return true }
            }
            return false
        }
        return ascii ?? containsKeyword(words(text), keywords)
    }

    @inline(__always)
    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte &- UInt8(ascii: "0") < 10)
            || byte == UInt8(ascii: "'")
    }

    /// Compiles a list of ICU patterns, matched case-insensitively against ``folded(_:)`` text.
    static func patterns(_ list: [String]) -> [CompiledRegex] {
        list.map { pattern in
            do {
                return try CompiledRegex("(?i)" + pattern)
            } catch {
                preconditionFailure("invalid built-in pattern \(pattern)")
            }
        }
    }

    /// The first pattern matching the folded text, or `nil`.
    static func firstMatch(_ text: String?, _ patterns: [CompiledRegex]) -> CompiledRegex? {
        let text = folded(text)
        guard !text.isEmpty else { return nil }
        return patterns.first { $0.matches(text) }
    }

    /// `true` when a label starts like a decline or dismissal ("No thanks", "Not now", "Cancel", "Skip", "×"), by
    /// the classifier's decline phrase list.
    static func isDeclineLabel(_ text: String?) -> Bool {
        NodeClassifier.startsWithAny(words(text), NodeClassifier.declinePhrases)
    }

    /// The text shortened for a message: at most 60 characters, in quotation marks.
    static func quoted(_ text: String?) -> String {
        let text = text ?? ""
        return "\"" + (text.count > 60 ? String(text.prefix(59)) + "…" : text) + "\""
    }

    /// A number rounded to one decimal for messages (`9.4`), without locale.
    static func oneDecimal(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return JSONValue.number(rounded).integerValue(as: Int64.self).map(String.init) ?? String(rounded)
    }

    // MARK: - Money

    /// A currency amount found in text.
    struct Amount: Sendable, Hashable, Comparable {
        /// The amount in hundredths (cents), negative for a deduction written with a leading minus.
        var minorUnits: Int
        /// The amount as written, such as `$7.50` or `3,50 €`.
        var text: String

        static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.minorUnits < rhs.minorUnits }
    }

    /// A symbol or code before the number (`$7.50`, `US$ 12`, `€3`), a symbol or code after it (`3,50 €`, `12 EUR`), or a
    /// bare number with exactly two decimals (`12.99`) that is not a time, a version or a distance.
    static let amountExpression: CompiledRegex = {
        let symbol = #"(?:US\$|C\$|A\$|R\$|[$€£¥₹₩]|\b(?:USD|EUR|GBP|CAD|AUD|CHF|INR|JPY)\b)"#
        let number = #"(\d(?:[\d.,]*\d)?)"#
        let before = symbol + #"\s?"# + number
        let after = number + #"\s?(?:[€£]|\b(?:EUR|USD|GBP|CHF|kr|zł)\b)"#
        let bare = #"(?<![\w.,:])(\d{1,3}(?:,\d{3})*\.\d{2}|\d+\.\d{2})(?![\d.,:%])(?!\s?(?:mi|km|kg|lb|miles|min)\b)"#
        do {
            return try CompiledRegex("(?i)(-|−)?(?:" + before + "|" + after + "|" + bare + ")")
        } catch {
            preconditionFailure("invalid amount pattern")
        }
    }()

    /// The currency amounts in a text, in order.
    static func amounts(in text: String?) -> [Amount] {
        guard let text, mayHaveNumber(text), mayHaveAmount(text) else { return [] }
        let expression = amountExpression.expression
        let whole = NSRange(text.startIndex..<text.endIndex, in: text)
        var found: [Amount] = []
        for match in expression.matches(in: text, range: whole) {
            guard let range = Range(match.range, in: text) else { continue }
            let negative = match.range(at: 1).location != NSNotFound
            for group in 2...4 {
                let groupRange = match.range(at: group)
                guard groupRange.location != NSNotFound, let numberRange = Range(groupRange, in: text),
                    let units = minorUnits(String(text[numberRange]))
                else { continue }
                found.append(Amount(minorUnits: negative ? -units : units, text: String(text[range])))
                break
            }
        }
        return found
    }

    /// `text.contains(where: \.isNumber)`, answered from the bytes when the text is plain ASCII.
    static func mayHaveNumber(_ text: String) -> Bool {
        var copy = text
        let ascii = copy.withUTF8 { bytes -> Bool? in
            var sawNonASCII = false
            for byte in bytes {
                if byte >= 0x30 && byte <= 0x39 { return true }
                if byte >= 0x80 { sawNonASCII = true }
            }
            return sawNonASCII ? nil : false
        }
        if let ascii { return ascii }
        return text.contains(where: \.isNumber)
    }

    /// The letters of the currency codes ``amountExpression`` knows, lower-cased (ASCII ones; `zł` is not).
    private static let currencyCodes: [[UInt8]] = ["usd", "eur", "gbp", "cad", "aud", "chf", "inr", "jpy", "kr"].map { Array($0.utf8) }

    /// `false` only when ``amountExpression`` cannot match: plain ASCII text without a `$`, without a `.` before a
    /// digit (every bare amount has one) and without a currency code in any case. Text with a non-ASCII byte may hold
    /// another currency symbol, and goes to the expression.
    static func mayHaveAmount(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes -> Bool in
            var letters = false
            for offset in bytes.indices {
                let byte = bytes[offset]
                if byte >= 0x80 || byte == UInt8(ascii: "$") { return true }
                if byte == UInt8(ascii: "."), offset + 1 < bytes.count, bytes[offset + 1] &- UInt8(ascii: "0") < 10 { return true }
                if byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z") { letters = true }
            }
            guard letters, bytes.count >= 2 else { return false }
            for start in 0..<(bytes.count - 1) {
                codes: for code in currencyCodes where start + code.count <= bytes.count {
                    for offset in code.indices where bytes[start + offset] | 0x20 != code[offset] { continue codes }
                    return true
                }
            }
            return false
        }
    }

    /// `1,234.56`, `1.234,56`, `7,50`, `12` → hundredths. The last `.` or `,` followed by one or two digits is the
    /// decimal mark; every other separator groups thousands.
    static func minorUnits(_ number: String) -> Int? {
        let characters = Array(number)
        var decimalMark: Int?
        if let last = characters.lastIndex(where: { $0 == "." || $0 == "," }) {
            let tail = characters.count - last - 1
            if tail == 1 || tail == 2 { decimalMark = last }
        }
        var whole = 0
        var fraction = 0
        var fractionDigits = 0
        for (offset, character) in characters.enumerated() {
            guard let digit = character.wholeNumberValue else { continue }
            if let decimalMark, offset > decimalMark {
                fraction = fraction * 10 + digit
                fractionDigits += 1
            } else {
                guard whole < Int.max / 100 - 10 else { return nil }
                whole = whole * 10 + digit
            }
        }
        return whole * 100 + (fractionDigits == 1 ? fraction * 10 : fraction)
    }

    /// A distance such as `2.4 mi` or `800 m`.
    private static let distanceExpression = PatternGroup(
        [#"\b\d+(?:[.,]\d+)?\s?(?:mi|miles?|km|kilometers?|kilometres?|m|ft)\b"#], needles: ["m", "ft"], requiresDigit: true)

    /// `true` when the text shows a distance.
    static func hasDistance(_ text: String?) -> Bool {
        guard let text, mayHaveNumber(text) else { return false }
        return distanceExpression.firstMatch(text) != nil
    }

    // MARK: - Nodes

    /// A node's name and value joined by a space, or `nil` when it has neither.
    static func text(_ tree: UITree, _ index: Int) -> String? {
        switch (tree.nodes[index].name, tree.nodes[index].value) {
        case let (name?, value?): return name + " " + value
        case let (name?, nil): return name
        case let (nil, value?): return value
        case (nil, nil): return nil
        }
    }

    /// What a node says it is: its name, else its value, else for an unnamed toggle or input the name of the nearest
    /// text sibling (Android draws a check box's label as a separate text view).
    static func label(_ tree: UITree, _ index: Int) -> String? {
        if let name = tree.nodes[index].name { return name }
        if let value = tree.nodes[index].value { return value }
        let parent = tree.nodes[index].parent
        guard tree.nodes[index].role.isInput, parent >= 0 else { return nil }
        let siblings = tree.children(of: parent).filter {
            $0 != index && isTextRole(tree.nodes[$0].role) && tree.nodes[$0].name != nil
        }
        let nearest = siblings.min { abs($0 - index) < abs($1 - index) }
        return nearest.flatMap { tree.nodes[$0].name }
    }

    /// The texts of a subtree (names and values, pre-order, at most 12), joined by a space.
    static func subtreeText(_ tree: UITree, _ index: Int) -> String? {
        var parts: [String] = []
        for descendant in index..<tree.nodes[index].end where parts.count < 12 {
            if let text = text(tree, descendant), parts.last != text { parts.append(text) }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Roles that carry readable text.
    static func isTextRole(_ role: Role) -> Bool {
        switch role {
        case .text, .heading, .paragraph, .status, .alert, .marquee, .timer, .note, .cell: true
        default: false
        }
    }

    /// Something the user can press: an action role, or text marked clickable.
    static func isActionable(_ node: borrowing UITree.Node) -> Bool {
        node.role.isAction || (node.states.contains(.clickable) && !node.role.isInput)
    }

    /// A way to decline or dismiss: an actionable node whose label starts with a decline phrase and that the
    /// classifier did not take for an affirmative or destructive action.
    static func isDeclineOption(_ tree: UITree, _ index: Int) -> Bool {
        let nodeClass = tree.nodes[index].nodeClass
        guard isActionable(tree.nodes[index]), nodeClass != .primaryAction, nodeClass != .destructiveAction else { return false }
        return isDeclineLabel(label(tree, index))
    }

    /// `true` when the node lies inside navigation chrome (a navigation landmark, tool bar, menu bar, tab list or
    /// banner), where "Back" and "Close" are not answers to the screen's question.
    static func isInChrome(_ tree: UITree, _ index: Int) -> Bool {
        var current = tree.nodes[index].parent
        while current >= 0 {
            switch tree.nodes[current].role {
            case .navigation, .toolbar, .menubar, .tablist, .banner: return true
            default: current = tree.nodes[current].parent
            }
        }
        return false
    }

    /// The node's area in square pixels, or `nil` when it has no bounds.
    static func area(_ node: borrowing UITree.Node) -> Double? {
        node.bounds.map(\.area)
    }

    /// The share of the rectangle inside the viewport (1 when either is unknown).
    static func visibleFraction(_ bounds: Bounds?, in viewport: Viewport?) -> Double {
        guard let bounds, let viewport, !viewport.bounds.isEmpty, bounds.area > 0 else { return 1 }
        let width = min(bounds.x + bounds.width, viewport.width) - max(bounds.x, 0)
        let height = min(bounds.y + bounds.height, viewport.height) - max(bounds.y, 0)
        guard width > 0, height > 0 else { return 0 }
        return width * height / bounds.area
    }

    /// `true` when `index` has an ancestor in `indices`.
    static func hasAncestor(_ tree: UITree, _ index: Int, in indices: Set<Int>) -> Bool {
        var current = tree.nodes[index].parent
        while current >= 0 {
            if indices.contains(current) { return true }
            current = tree.nodes[current].parent
        }
        return false
    }

    // MARK: - Context and events

    /// The diff of the template's reference against the capture: the context's own (masks applied) or, when the
    /// context has none, one made here. Its `before` is the reference.
    /// `true` when the reference node's text is the mask mark the template builder writes for masked fields.
    static func isMasked(_ reference: UITree, _ index: Int) -> Bool {
        let node = reference.nodes[index]
        return node.name == "*" || node.value == "*"
    }

    /// `make(reference)`, kept in the template's ``ReferenceMemo`` when `reference` is the template's own (as the
    /// `before` of every diff the detector makes is), so it is made once per template rather than once per capture.
    static func referenceFact<Value: Sendable>(
        _ key: ReferenceMemo.Key, _ context: RuleContext, _ reference: UITree, _ make: (UITree) -> Value
    ) -> Value {
        guard let template = context.template, let own = template.reference, own.count == reference.count,
            own.contentSignature == reference.contentSignature
        else { return make(reference) }
        return template.memo.value(key) { make(reference) }
    }

    static func referenceDiff(_ context: RuleContext) -> TreeDiff? {
        if let diff = context.diff { return diff }
        guard let reference = context.template?.reference else { return nil }
        return TreeDiff(before: reference, after: context.tree)
    }

    /// A manipulative-pattern event for this context.
    static func event(
        _ rule: String, _ severity: DriftEvent.Severity, _ context: RuleContext, message: String, evidence: [DriftEvent.Evidence]
    ) -> DriftEvent {
        DriftEvent(
            kind: .manipulative, severity: severity, rule: rule, screen: context.screen, session: context.session, message: message,
            evidence: evidence)
    }
}
