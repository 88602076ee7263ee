import Foundation
import Testing

@testable import SystemZeroCore

/// Every real capture in `../shared/fixtures/ui` imports, with node counts checked against a count made
/// independently from the raw text.
@Suite(.enabled(if: Fixtures.available, Comment(rawValue: Fixtures.skipMessage)))
struct ImportFixtureTests {
    static let android = Fixtures.files("ui/android_uiautomator")
    static let chrome = Fixtures.files("ui/cdp_axtree")
    static let aria = Fixtures.files("ui/playwright_aria")

    @Test(arguments: android)
    func uiautomatorDump(_ file: URL) throws {
        let bytes = try Fixtures.bytes(file)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(CaptureFormat.detect(bytes) == .uiautomator)
        let capture = try CaptureImporter().importCapture(bytes, file: file.lastPathComponent)
        // One node per <node element, plus the window for <hierarchy>.
        let expected = text.components(separatedBy: "<node ").count - 1 + 1
        #expect(capture.tree.subtreeCount == expected)
        #expect(capture.tree.role == .window)
        #expect(capture.source == "android-uiautomator")
        let package = try #require(text.firstMatch(of: /package="([^"]+)"/)).1
        #expect(capture.app == String(package))
        let firstBounds = try #require(text.firstMatch(of: /bounds="\[(\d+),(\d+)\]\[(\d+),(\d+)\]"/))
        #expect(capture.viewport == Viewport(width: Double(firstBounds.3)!, height: Double(firstBounds.4)!))
        #expect(capture.tree.children.first?.bounds == Bounds(x: 0, y: 0, width: Double(firstBounds.3)!, height: Double(firstBounds.4)!))
    }

    @Test func uiautomatorKeepsEveryAttribute() throws {
        let file = try #require(Self.android.first { $0.lastPathComponent.hasPrefix("nora") })
        let capture = try CaptureImporter().importCapture(try Fixtures.bytes(file))
        let first = try #require(capture.tree.children.first)
        #expect(first.attributes["class"] == "android.widget.FrameLayout")
        #expect(first.attributes["drawing-order"] == "0")
        #expect(first.attributes["index"] == "0")
        // The Compose screen's heading text is there.
        let names = Self.allNames(capture.tree)
        #expect(names.contains("Select a model to load"))
    }

    @Test(arguments: chrome)
    func chromeAXTree(_ file: URL) throws {
        let bytes = try Fixtures.bytes(file)
        #expect(CaptureFormat.detect(bytes) == .chromeAX)
        let capture = try CaptureImporter().importCapture(bytes, file: file.lastPathComponent)
        let text = String(decoding: bytes, as: UTF8.self)
        let nodes = text.components(separatedBy: "\"nodeId\"").count - 1
        let ignored = text.components(separatedBy: "\"ignored\":true").count - 1
        #expect(capture.tree.subtreeCount == nodes - ignored)
        #expect(capture.tree.role == .document)
        #expect(capture.tree.name == "Hunting A11y")
        #expect(Self.allNames(capture.tree).contains("Purpose"))
    }

    @Test(arguments: aria)
    func ariaSnapshot(_ file: URL) throws {
        let bytes = try Fixtures.bytes(file)
        #expect(CaptureFormat.detect(bytes) == .ariaSnapshot)
        let capture = try CaptureImporter().importCapture(bytes, file: file.lastPathComponent)
        #expect(capture.tree.subtreeCount == Self.countAriaNodes(String(decoding: bytes, as: UTF8.self)) + 1)
    }

    @Test(arguments: android + chrome + aria)
    func nativeRoundTrip(_ file: URL) throws {
        let capture = try CaptureImporter().importCapture(try Fixtures.bytes(file))
        let written = JSONWriter(style: .pretty).bytes(NativeCaptureCodec.encode(capture))
        #expect(CaptureFormat.detect(written) == .native)
        #expect(try CaptureImporter().importCapture(written) == capture)
    }

    @Test(arguments: android + chrome + aria)
    func truncatedFileIsAnErrorNotACrash(_ file: URL) throws {
        let bytes = try Fixtures.bytes(file)
        let format = CaptureFormat.detect(bytes)
        let half = Array(bytes.prefix(bytes.count / 2))
        if format == .ariaSnapshot {
            // Half a YAML sequence is often still a valid, shorter sequence; it must import or fail cleanly.
            _ = try? CaptureImporter().importCapture(half, format: format)
        } else {
            #expect(throws: ImportError.self) { try CaptureImporter().importCapture(half, format: format) }
        }
    }

    @Test func ariaGrammar() throws {
        let file = try #require(Self.aria.first { $0.lastPathComponent.contains("settings_settings") })
        let tree = try CaptureImporter().importCapture(try Fixtures.bytes(file)).tree
        let link = try #require(Self.find(tree) { $0.role == .link && $0.name == "crates.io" })
        #expect(link.attributes["url"] == "/")
        let search = try #require(Self.find(tree) { $0.role == .textbox && $0.name == "Search" })
        #expect(search.attributes["placeholder"] == "Type 'S' or '/' to search")
        let heading = try #require(Self.find(tree) { $0.role == .heading && $0.name == "nanomsg" })
        #expect(heading.attributes["level"] == "1")
        // A quoted YAML key holding a colon.
        #expect(Self.find(tree) { $0.name == "Change color scheme. Current: system" } != nil)
    }

    static func countAriaNodes(_ text: String) -> Int {
        var count = 0
        for line in text.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " })
            guard trimmed.hasPrefix("- ") else { continue }
            let item = trimmed.dropFirst(2)
            if item.hasPrefix("/") { continue }
            count += 1
            // `- role "name": text` holds its text as a child node.
            if let quote = item.firstIndex(of: "\""), item.hasPrefix("text") == false,
                let colon = item.range(of: "\": ", options: .backwards), colon.lowerBound > quote,
                !item[colon.upperBound...].isEmpty
            {
                count += 1
            }
        }
        return count
    }

    static func allNames(_ node: UINode) -> [String] {
        [node.name].compactMap { $0 } + node.children.flatMap(allNames)
    }

    static func find(_ node: UINode, _ predicate: (UINode) -> Bool) -> UINode? {
        if predicate(node) { return node }
        for child in node.children { if let found = find(child, predicate) { return found } }
        return nil
    }
}
