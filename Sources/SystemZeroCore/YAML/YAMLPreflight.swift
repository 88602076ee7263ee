/// One pass over YAML text before Yams sees it, reading it as YAML's scanner does — quoted scalars, plain scalars,
/// comments and block scalars are text, not structure — to bound nesting and refuse anchors and aliases.
///
/// - **Nesting**: flow collections (`[`, `{` where a node may start, or anywhere inside a flow collection) and block
///   indentation (leading spaces, `- ` and `? ` indicators). Every YAML nesting level costs at least one of them, so
///   the bound is never below the true depth; brackets inside quoted or plain scalars (`name: "a[1"`, `a[b`) cost
///   nothing, as in YAML.
/// - **Anchors and aliases** (`&name`, `*name`) where a node may start: after indentation, `- `, `? `, `: `, `[`, `{`
///   or `,`. A plain scalar cannot start with either character, so valid YAML without anchors never trips this.
struct YAMLPreflight {
    private enum Quote { case none, single, double }

    private let maxFlowDepth: Int
    /// Indentation and sequence indicators may use several columns a level; allow for that.
    private let maxLineDepth: Int
    private var quote = Quote.none
    private var atNodeStart = true
    private var flowDepth = 0
    /// The previous byte outside whitespace ended a quoted scalar (`"a":` in flow style needs no space after `:`).
    private var afterQuote = false
    /// The indentation of the line that opened a block scalar (`|` or `>`), while its content lines are skipped.
    private var blockScalarIndent: Int?
    private var line = 1

    private init(limits: ImportLimits) {
        maxFlowDepth = limits.maxDepth
        maxLineDepth = limits.maxDepth * 4
    }

    /// Checks `bytes` (UTF-8 YAML); the first problem found is thrown with its line and column.
    static func check(_ bytes: [UInt8], limits: ImportLimits) throws(ImportError) {
        var preflight = YAMLPreflight(limits: limits)
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            try preflight.scanLine(bytes[start..<end])
            preflight.line += 1
            start = end + 1
        }
    }

    private mutating func scanLine(_ text: ArraySlice<UInt8>) throws(ImportError) {
        let indent = text.prefix { $0 == UInt8(ascii: " ") }.count
        if let blockIndent = blockScalarIndent {
            let blank = text.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
            if blank || indent > blockIndent { return }
            blockScalarIndent = nil
        }
        if quote == .none { atNodeStart = true }
        var index = text.startIndex
        var inIndentation = quote == .none
        var lineDepth = 0
        while index < text.endIndex {
            let byte = text[index]
            let next = index + 1 < text.endIndex ? text[index + 1] : UInt8(ascii: "\n")
            let column = index - text.startIndex + 1
            index += 1
            if inIndentation {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
                    || ((byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?")) && Self.isSpace(next))
                {
                    lineDepth += 1
                    if lineDepth > maxLineDepth { throw tooDeep(column: column) }
                    if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { atNodeStart = true }
                    continue
                }
                inIndentation = false
            }
            switch quote {
            case .single:
                if byte == UInt8(ascii: "'") {
                    if next == UInt8(ascii: "'") { index += 1 } else { endQuote() }
                }
                continue
            case .double:
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    endQuote()
                }
                continue
            case .none:
                break
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "#") where atNodeStart || index == text.startIndex + 1 || Self.isSpace(text[index - 2]):
                return
            case UInt8(ascii: "&") where atNodeStart, UInt8(ascii: "*") where atNodeStart:
                let what = byte == UInt8(ascii: "&") ? "anchors" : "aliases"
                throw ImportError(.forbidden("YAML \(what) are not accepted"), position: .line(line, column: column))
            case UInt8(ascii: "'") where atNodeStart:
                quote = .single
                continue
            case UInt8(ascii: "\"") where atNodeStart:
                quote = .double
                continue
            case UInt8(ascii: "|") where atNodeStart && flowDepth == 0, UInt8(ascii: ">") where atNodeStart && flowDepth == 0:
                // A block scalar: the rest of this line is its header, the lines indented deeper its text.
                blockScalarIndent = indent
                return
            case UInt8(ascii: "[") where atNodeStart || flowDepth > 0, UInt8(ascii: "{") where atNodeStart || flowDepth > 0:
                flowDepth += 1
                if flowDepth > maxFlowDepth { throw tooDeep(column: column) }
                atNodeStart = true
                continue
            case UInt8(ascii: "]") where flowDepth > 0, UInt8(ascii: "}") where flowDepth > 0:
                flowDepth -= 1
            case UInt8(ascii: ",") where flowDepth > 0:
                atNodeStart = true
                afterQuote = false
                continue
            case UInt8(ascii: "-") where atNodeStart && Self.isSpace(next), UInt8(ascii: "?") where atNodeStart && Self.isSpace(next):
                continue
            case UInt8(ascii: ":") where Self.isSpace(next) || (flowDepth > 0 && afterQuote):
                atNodeStart = true
                afterQuote = false
                continue
            default:
                break
            }
            atNodeStart = false
            afterQuote = false
        }
    }

    private mutating func endQuote() {
        quote = .none
        atNodeStart = false
        afterQuote = true
    }

    private func tooDeep(column: Int) -> ImportError {
        ImportError(.tooDeep(limit: maxFlowDepth), position: .line(line, column: column))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }
}
