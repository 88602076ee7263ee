import Foundation
import Testing

@testable import SystemZeroCore

/// Hostile and broken input gets a typed error naming the position and the limit; never a crash.
struct HostileInputTests {
    let importer = CaptureImporter()

    func reason(_ bytes: [UInt8], format: CaptureFormat? = nil, limits: ImportLimits = .default) -> ImportError? {
        do {
            _ = try CaptureImporter(limits: limits).importCapture(bytes, format: format, file: "hostile")
            return nil
        } catch {
            return error
        }
    }

    @Test func xmlExternalEntityIsRefused() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE hierarchy [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <hierarchy><node text="&xxe;" class="android.widget.TextView" bounds="[0,0][1,1]"/></hierarchy>
            """
        let error = try #require(reason(Array(xml.utf8)))
        #expect(error.reason == .forbidden("DTDs and entity declarations are not accepted in uiautomator XML"))
        #expect(error.position == .line(2, column: 1))
        #expect(error.file == "hostile")
        #expect(!error.description.contains("root:"))
    }

    @Test func billionLaughsIsRefused() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">\n"
        }
        xml += "]>\n<hierarchy><node text=\"&lol9;\"/></hierarchy>"
        let error = try #require(reason(Array(xml.utf8)))
        guard case .forbidden = error.reason else { Issue.record("expected forbidden, got \(error)"); return }
    }

    /// FoundationXML dereferences a null pointer on a processing instruction without data: it was one request away
    /// from ending the server. Every XML format refuses processing instructions before parsing.
    @Test(arguments: [CaptureFormat.uiautomator, .xcuitest])
    func processingInstructionsAreRefusedNotACrash(_ format: CaptureFormat) throws {
        let root = format == .uiautomator ? "hierarchy" : "AppiumAUT"
        for xml in ["<\(root)><?pi?></\(root)>", "<?pi?>\n<\(root)/>", "<?xml version=\"1.0\"?>\n<\(root)><?x-y data?></\(root)>"] {
            let error = try #require(reason(Array(xml.utf8), format: format), "\(xml)")
            let name = format == .uiautomator ? "uiautomator XML" : "XCUITest XML"
            #expect(error.reason == .forbidden("processing instructions are not accepted in \(name)"))
            #expect(error.position != nil)
        }
        // The XML declaration is no processing instruction; odd but harmless constructs still read.
        for xml in ["<?xml version=\"1.0\"?><\(root)/>", "<\(root)><!----><![CDATA[]]></\(root)>", "<\(root) a=\"\"></\(root)>"] {
            #expect(reason(Array(xml.utf8), format: format) == nil, "\(xml)")
        }
        for xml in ["<\(root)><?xml?></\(root)>", "<\(root)><?xml ?></\(root)>", "<\(root)><?xml version=\"1.0\"?></\(root)>"] {
            #expect(reason(Array(xml.utf8), format: format) != nil, "\(xml)")
        }
    }

    @Test func undeclaredEntityIsAnError() throws {
        let xml = "<hierarchy><node text=\"&undefined;\" class=\"x\" bounds=\"[0,0][1,1]\"/></hierarchy>"
        #expect(reason(Array(xml.utf8)) != nil)
    }

    @Test func deepXMLStopsAtTheLimit() throws {
        let depth = 100_000
        let xml =
            "<hierarchy>" + String(repeating: "<node class=\"a\">", count: depth) + String(repeating: "</node>", count: depth)
            + "</hierarchy>"
        let error = try #require(reason(Array(xml.utf8)))
        #expect(error.reason == .tooDeep(limit: ImportLimits.default.maxDepth))
        #expect(error.description.contains("max_depth"))
    }

    @Test func deepJSONStopsAtTheLimit() throws {
        let json = "{\"tree\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let error = try #require(reason(Array(json.utf8)))
        #expect(error.reason == .tooDeep(limit: 200))
        #expect(error.position == .line(1, column: 208))
    }

    @Test func deepNativeTreeStopsAtTheLimit() throws {
        let limits = ImportLimits(maxDepth: 10)
        var node = "{\"role\":\"group\"}"
        for _ in 0..<10 { node = "{\"role\":\"group\",\"children\":[\(node)]}" }
        let error = try #require(reason(Array("{\"tree\":\(node)}".utf8), limits: limits))
        #expect(error.reason == .tooDeep(limit: 10))
    }

    @Test func deepYAMLStopsBeforeTheParser() throws {
        let block = String(repeating: "- ", count: 100_000) + "button"
        #expect(reason(Array(block.utf8), format: .ariaSnapshot)?.reason == .tooDeep(limit: 200))
        let flow = "- " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(reason(Array(flow.utf8), format: .ariaSnapshot)?.reason == .tooDeep(limit: 200))
    }

    @Test func yamlAliasBombIsRefusedAtOnce() throws {
        var yaml = "- a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, level) in zip(levels, levels.dropFirst()) {
            yaml += "- \(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let error = try #require(reason(Array(yaml.utf8), format: .ariaSnapshot))
        guard case .forbidden = error.reason else { Issue.record("expected forbidden, got \(error)"); return }
        #expect(error.position != nil)
    }

    @Test(arguments: CaptureFormat.allCases)
    func invalidUTF8IsAnError(_ format: CaptureFormat) throws {
        let valid: String =
            switch format {
            case .native: "{\"tree\":{\"role\":\"button\",\"name\":\"OK\"}}"
            case .uiautomator: "<hierarchy><node class=\"android.widget.Button\" text=\"OK\" bounds=\"[0,0][1,1]\"/></hierarchy>"
            case .xcuitest: "<XCUIElementTypeApplication type=\"XCUIElementTypeApplication\" label=\"OK\"/>"
            case .chromeAX: "[{\"nodeId\":\"1\",\"role\":{\"value\":\"button\"},\"name\":{\"value\":\"OK\"}}]"
            case .ariaSnapshot: "- button \"OK\""
            }
        var bytes = Array(valid.utf8)
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "O")))
        bytes[index] = 0xC3  // a lead byte followed by ASCII: invalid
        #expect(throws: Never.self) { try CaptureImporter().importCapture(Array(valid.utf8), format: format) }
        let error = try #require(reason(bytes, format: format))
        #expect(error.reason == .invalidUTF8)
        #expect(error.position == .line(1, column: index + 1))
    }

    @Test func wrongFormatIsAnError() throws {
        let xml = Array("<hierarchy><node class=\"a\" bounds=\"[0,0][1,1]\"/></hierarchy>".utf8)
        #expect(reason(xml, format: .native)?.reason == .malformed("unexpected character where a JSON value should start"))
        #expect(reason(Array("just words".utf8))?.reason == .unknownFormat)
        #expect(reason(Array("{\"nodes\": 3}".utf8), format: .chromeAX) != nil)
        #expect(reason(Array("- button \"OK\"".utf8), format: .uiautomator) != nil)
    }

    @Test func nonFiniteAndMalformedBoundsAreErrors() throws {
        let nan = Array("{\"tree\":{\"role\":\"button\",\"bounds\":[0,0,NaN,1]}}".utf8)
        #expect(reason(nan)?.reason == .malformed("unexpected character where a JSON value should start"))
        let huge = Array("{\"tree\":{\"role\":\"button\",\"bounds\":[0,0,1e999,1]}}".utf8)
        #expect(reason(huge)?.reason == .malformed("a number is out of range"))
        let negative = Array("{\"tree\":{\"role\":\"button\",\"bounds\":[0,0,-5,1]}}".utf8)
        let error = try #require(reason(negative))
        #expect(error.position == .path("$.tree.bounds"))
        let xml = Array("<hierarchy><node class=\"a\" bounds=\"[0,0][nope]\"/></hierarchy>".utf8)
        guard case .invalidValue = reason(xml)?.reason else { Issue.record("bad bounds accepted"); return }
    }

    @Test func sizeNodeAndStringLimits() throws {
        let big = Array(repeating: UInt8(ascii: " "), count: 2_000) + Array("{\"tree\":{\"role\":\"button\"}}".utf8)
        #expect(reason(big, limits: ImportLimits(maxBytes: 1_000))?.reason == .tooLarge(bytes: big.count, limit: 1_000))
        let children = Array(repeating: "{\"role\":\"text\"}", count: 50).joined(separator: ",")
        let many = Array("{\"tree\":{\"role\":\"list\",\"children\":[\(children)]}}".utf8)
        #expect(reason(many, limits: ImportLimits(maxNodes: 20))?.reason == .tooManyNodes(limit: 20))
        let long = Array("{\"tree\":{\"role\":\"text\",\"name\":\"\(String(repeating: "x", count: 5_000))\"}}".utf8)
        #expect(reason(long, limits: ImportLimits(maxStringLength: 4_096))?.reason == .stringTooLong(limit: 4_096))
        let xmlNodes = "<hierarchy>" + String(repeating: "<node class=\"a\" bounds=\"[0,0][1,1]\"/>", count: 30) + "</hierarchy>"
        #expect(reason(Array(xmlNodes.utf8), limits: ImportLimits(maxNodes: 20))?.reason == .tooManyNodes(limit: 20))
    }

    @Test func oversizedFileIsRefusedBeforeReading() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sz-big-\(UUID()).json")
        try Data(repeating: UInt8(ascii: " "), count: 3_000).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ImportError(.tooLarge(bytes: 3_000, limit: 1_000), file: url.path)) {
            try CaptureImporter(limits: ImportLimits(maxBytes: 1_000)).importFile(atPath: url.path)
        }
    }

    @Test func chromeCyclesAreErrors() throws {
        let cycle =
            "[{\"nodeId\":\"1\",\"role\":{\"value\":\"group\"},\"childIds\":[\"2\"]},{\"nodeId\":\"2\",\"role\":{\"value\":\"group\"},\"childIds\":[\"1\"]}]"
        #expect(reason(Array(cycle.utf8)) != nil)
        let shared =
            "[{\"nodeId\":\"1\",\"role\":{\"value\":\"group\"},\"childIds\":[\"2\",\"2\"]},{\"nodeId\":\"2\",\"role\":{\"value\":\"text\"}}]"
        guard case .invalidValue = reason(Array(shared.utf8))?.reason else { Issue.record("shared child accepted"); return }
    }

    @Test func jsonGrammarIsStrict() throws {
        for text in [
            "{\"tree\":{\"role\":\"a\",}}", "{\"tree\":01}", "{\"tree\":{}} x", "{\"tree\":\"\\x\"}", "{\"tree\":\"\\ud800\"}", "[",
            "{\"a\" 1}",
        ] {
            #expect(throws: ImportError.self, "\(text)") { try JSONParser().parse(Array(text.utf8)) }
        }
        #expect(try JSONParser().parse(Array("{\"a\":\"\\u00e9\\ud83d\\ude00\"}".utf8))["a"] == "é😀")
    }
}
