import Testing

@testable import SystemZeroCore

/// Whatever text System//Zero writes as YAML it reads back as the same text, and the bounded reader counts nesting
/// as YAML does: brackets inside quoted and plain scalars are text.
struct YAMLRoundTripTests {
    /// One or more scalars of every Unicode general category, the characters YAML readers refuse raw or fold (C0, DEL,
    /// C1 with NEL, LS, PS, BOM, noncharacters), and runs of unbalanced brackets and YAML indicators.
    static let hostileTexts: [String] = {
        var texts: [String] = []
        var byCategory: [Unicode.GeneralCategory: [Unicode.Scalar]] = [:]
        var value: UInt32 = 0
        while value <= 0x10FFFF {
            if let scalar = Unicode.Scalar(value) {
                let category = scalar.properties.generalCategory
                if byCategory[category, default: []].count < 6 { byCategory[category, default: []].append(scalar) }
            }
            value += value < 0x3000 ? 1 : 97
        }
        for (_, scalars) in byCategory.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            var text = "x"
            text.unicodeScalars.append(contentsOf: scalars)
            texts.append(text)
        }
        texts.append(String((0..<0x20).compactMap { Unicode.Scalar(UInt32($0)) }.map(Character.init)))
        texts.append("\u{7F}\u{80}\u{85}\u{95}\u{9F}\u{A0}\u{2028}\u{2029}\u{FEFF}\u{FFFE}\u{FFFF}\u{10FFFF}")
        texts.append("team-a[1")
        texts.append(String(repeating: "[", count: 500))
        texts.append(String(repeating: "{", count: 300) + String(repeating: "]", count: 7))
        texts.append("&anchor *alias !tag |block >folded %directive @at `tick # not a comment")
        texts.append("- not a list\n? not a key\n: not a value\n---\n...")
        texts.append("  leading and trailing spaces  ")
        texts.append("'single' \"double\" \\ backslash \\\" escaped")
        texts.append("null")
        texts.append("~")
        texts.append("true")
        texts.append("0x1F")
        texts.append("")
        return texts
    }()

    @Test(arguments: hostileTexts)
    func doubleQuotedScalarsReadBackExactly(_ text: String) throws {
        let yaml = "value: \(YAMLScalar.doubleQuoted(text))\n"
        let node = try #require(try SafeYAML.compose(Array(yaml.utf8), limits: ImportLimits(maxDepth: 8)))
        #expect(node.mapping?["value"]?.string == text)
    }

    @Test func ordinaryTextKeepsItsJSONBytes() {
        for text in ["Accept", "Décliner l’offre", "残り3点", "tab\there", "quote \" and \\ slash", "\u{1}"] {
            #expect(YAMLScalar.doubleQuoted(text) == JSONWriter(style: .compact).string(.string(text)))
        }
    }

    @Test func bracketsInsideScalarsAreNotNesting() throws {
        let brackets = String(repeating: "[", count: 50)
        let yaml = """
            keys:
              - name: "\(brackets)"
                note: '\(brackets)'
                plain: a\(brackets)
                # a comment with \(brackets)
              - name: "{{{{{{{{{{"
            """
        let node = try #require(try SafeYAML.compose(Array(yaml.utf8), limits: ImportLimits(maxDepth: 8)))
        #expect(node.mapping?["keys"]?.sequence?.count == 2)
        #expect(node.mapping?["keys"]?.sequence?.first?.mapping?["plain"]?.string == "a" + brackets)
    }

    @Test func blockScalarTextIsNotStructure() throws {
        let yaml = "text: |\n  *not an alias [[[[[[[[[[\n  &nor an anchor\nnext: 1\n"
        let node = try #require(try SafeYAML.compose(Array(yaml.utf8), limits: ImportLimits(maxDepth: 4)))
        #expect(node.mapping?["text"]?.string == "*not an alias [[[[[[[[[[\n&nor an anchor\n")
        #expect(node.mapping?["next"]?.string == "1")
    }

    @Test func realFlowNestingIsStillBounded() {
        let yaml = "a: " + String(repeating: "[", count: 9) + String(repeating: "]", count: 9) + "\n"
        #expect(throws: ImportError(.tooDeep(limit: 8), position: .line(1, column: 12))) {
            try SafeYAML.compose(Array(yaml.utf8), limits: ImportLimits(maxDepth: 8))
        }
        let flow = "a: [\"[[[[\", {b: [c, [d]]}]\n"
        #expect(throws: Never.self) { try SafeYAML.compose(Array(flow.utf8), limits: ImportLimits(maxDepth: 8)) }
    }

    @Test func anchorsAndAliasesAreStillRefusedWhereANodeStarts() {
        for yaml in ["a: &x 1\nb: *x\n", "- &x [1]\n", "{a: *x}\n", "\"k\": *x\n"] {
            #expect(throws: ImportError.self) { try SafeYAML.compose(Array(yaml.utf8), limits: .default) }
        }
        #expect(throws: Never.self) { try SafeYAML.compose(Array("a: b&c*d\nq: \"*x\"\n".utf8), limits: .default) }
    }

    @Test(arguments: hostileTexts)
    func templatesWithAnyTextReadBack(_ text: String) throws {
        var template = Template(screenID: "round_trip")
        template.app = text
        let tree = UINode(
            role: .dialog, name: text, id: "dialog",
            children: [UINode(role: .button, name: text, value: text, id: text.isEmpty ? nil : text), UINode(role: .text, name: "[")])
        template = TemplateBuilder().build([Capture(app: text, tree: tree)], screenID: "round_trip", app: text)
        let yaml = try TemplateWriter.checkedYAML(template)
        let reread = try TemplateLoader().load(Array(yaml.utf8))
        #expect(reread.app == text)
        #expect(reread.structureSignature == template.structureSignature)
        #expect(reread.contentSignature == template.contentSignature)
    }

    @Test func aTemplateTooDeepForTheLoaderIsRefusedBeforeItIsWritten() throws {
        var node = UINode(role: .button, name: "deepest")
        for level in 0..<150 { node = UINode(role: .group, name: "level \(level)", children: [node, UINode(role: .text, name: "x")]) }
        let template = TemplateBuilder().build([Capture(tree: node)], screenID: "deep")
        #expect(throws: TemplateError.self) { try TemplateWriter.checkedYAML(template) }
    }
}
