import Foundation
import Testing

@testable import SystemZeroCore

/// Every real Appium UiAutomator2 and XCUITest page source in `../shared/fixtures/ui` imports (or, for the two that
/// are not one well-formed document, is refused naming where the document ends), with node counts checked against
/// a count made independently from the raw text and roles checked against the classes and types.
@Suite(.enabled(if: Fixtures.available, Comment(rawValue: Fixtures.skipMessage)))
struct MobileFixtureTests {
    static let android = Fixtures.files("ui/appium_android")
    static let ios = Fixtures.files("ui/ios_xcuitest")

    @Test(arguments: android)
    func appiumAndroidPageSource(_ file: URL) throws {
        let bytes = try Fixtures.bytes(file)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(CaptureFormat.detect(bytes) == .uiautomator)
        // The first document: up to the first </hierarchy>.
        let end = try #require(text.range(of: "</hierarchy>"))
        let document = String(text[..<end.upperBound])
        let capture: Capture
        if text[end.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            capture = try CaptureImporter().importCapture(bytes, file: file.lastPathComponent)
        } else {
            // A dump followed by other text, or two dumps in one file: refused where the second part starts.
            let error = try #require(throws: ImportError.self) { try CaptureImporter().importCapture(bytes, file: file.lastPathComponent) }
            guard case .malformed(let detail) = error.reason else { throw error }
            #expect(detail.contains("the document ends with </hierarchy>"), "\(error)")
            let lines = document.split(separator: "\n", omittingEmptySubsequences: false)
            let next = text[end.upperBound...].prefix { $0.isWhitespace }.filter { $0 == "\n" || $0 == "\r\n" }.count
            #expect(error.position == .line(lines.count + next, column: 1), "\(error)")
            #expect(error.file == file.lastPathComponent)
            // What precedes is a whole page source: cut there, it imports.
            capture = try CaptureImporter().importCapture(Array(document.utf8))
        }
        #expect(capture.source == "android-appium")
        // One node per element, the <hierarchy> being the window.
        #expect(capture.tree.subtreeCount == document.matches(of: /<[A-Za-z]/).count)
        #expect(capture.tree.role == .window)
        #expect(capture.app == String(try #require(document.firstMatch(of: /package="([^"]+)"/)).1))
        let firstBounds = try #require(document.firstMatch(of: /bounds="\[(\d+),(\d+)\]\[(\d+),(\d+)\]"/))
        #expect(capture.viewport == Viewport(width: Double(firstBounds.3)!, height: Double(firstBounds.4)!))
        // Roles follow the classes; `displayed="false"` is hidden.
        let nodes = Self.flatten(capture.tree).dropFirst()
        #expect(nodes.count == document.components(separatedBy: " class=\"").count - 2)
        for node in nodes {
            let className = try #require(node.attributes["class"])
            let simple = className.split(separator: ".").last.map(String.init) ?? className
            if simple.hasSuffix("Button") && !["RadioButton", "ToggleButton"].contains(simple) {
                #expect(node.role == .button, "\(className)")
            }
            if simple.hasSuffix("EditText") { #expect(node.role == .textbox, "\(className)") }
            if simple == "TextView" { #expect(node.role == .text, "\(className)") }
            if simple.hasSuffix("Layout") && !simple.contains("Tab") { #expect(node.role == .group, "\(className)") }
            #expect(node.attributes["displayed"] == nil && node.attributes["text"] == nil && node.attributes["bounds"] == nil)
        }
        let hidden = document.matches(of: /displayed="false"/).count
        #expect(nodes.filter { $0.states.contains(.hidden) }.count == hidden)
        #expect(Set(nodes.compactMap(\.name)).isSuperset(of: Self.names(in: document, attribute: "content-desc")))
        let tree = Normalizer().normalize(capture)
        #expect(tree.nodes.count > 1 && tree.nodes.count <= capture.tree.subtreeCount)
    }

    @Test(arguments: ios)
    func xcuitestPageSource(_ file: URL) throws {
        let bytes = try Fixtures.bytes(file)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(CaptureFormat.detect(bytes) == .xcuitest)
        let capture = try CaptureImporter().importCapture(bytes, file: file.lastPathComponent)
        #expect(capture.source == "ios-xcuitest")
        // One node per XCUIElementType element; the <AppiumAUT> wrapper is none.
        #expect(capture.tree.subtreeCount == text.matches(of: /<XCUIElementType/).count)
        let application = try #require(text.firstMatch(of: /<XCUIElementTypeApplication [^>]*label="([^"]*)"/)).1
        #expect(capture.tree.role == .window && capture.tree.name == String(application))
        #expect(capture.app == String(application))
        let frame = try #require(text.firstMatch(of: /<XCUIElementTypeApplication [^>]* width="(\d+)" height="(\d+)"/))
        #expect(capture.viewport == Viewport(width: Double(frame.1)!, height: Double(frame.2)!))
        let nodes = Self.flatten(capture.tree)
        let expectedRoles: [String: Role] = [
            "XCUIElementTypeButton": .button, "XCUIElementTypeStaticText": .text, "XCUIElementTypeSwitch": .switch,
            "XCUIElementTypeTextField": .textbox, "XCUIElementTypeSecureTextField": .textbox, "XCUIElementTypeImage": .image,
            "XCUIElementTypeCell": .listitem, "XCUIElementTypeOther": .group, "XCUIElementTypeNavigationBar": .toolbar,
            "XCUIElementTypeLink": .link, "XCUIElementTypeTable": .list,
        ]
        for node in nodes {
            let type = try #require(node.attributes["class"])
            if let role = expectedRoles[type] { #expect(node.role == role, "\(type)") }
            #expect(node.bounds != nil, "every element has its rectangle")
        }
        // Switches: checked exactly when their value is 1.
        let onSwitches = text.matches(of: /<XCUIElementTypeSwitch [^>]*value="1"/).count
        #expect(nodes.filter { $0.role == .switch && $0.states.contains(.checked) }.count == onSwitches)
        #expect(nodes.filter { $0.states.contains(.hidden) }.count == text.matches(of: /visible="false"/).count)
        #expect(Set(nodes.compactMap(\.name)).isSuperset(of: Self.names(in: text, attribute: "label")))
        // The same page source without Appium's wrapper (as WebDriverAgent serves it) is the same capture.
        let bare = text.replacingOccurrences(of: "<AppiumAUT>", with: "").replacingOccurrences(of: "</AppiumAUT>", with: "")
        #expect(try CaptureImporter().importCapture(Array(bare.utf8)) == capture)
        let tree = Normalizer().normalize(capture)
        #expect(tree.nodes.count >= 1)
    }

    @Test(arguments: android + ios)
    func nativeRoundTripAndTruncation(_ file: URL) throws {
        var bytes = try Fixtures.bytes(file)
        if let end = ByteSearch.firstOffset(of: Array("</hierarchy>".utf8), in: bytes) { bytes = Array(bytes.prefix(end + 12)) }
        let capture = try CaptureImporter().importCapture(bytes)
        let written = JSONWriter(style: .pretty).bytes(NativeCaptureCodec.encode(capture))
        #expect(try CaptureImporter().importCapture(written) == capture)
        #expect(throws: ImportError.self) { try CaptureImporter().importCapture(Array(bytes.prefix(bytes.count / 2))) }
    }

    /// The distinct non-empty values of `attribute` in `text`, as XML reads them: white space characters become spaces,
    /// then character and entity references are replaced.
    static func names(in text: String, attribute: String) -> Set<String> {
        var names: Set<String> = []
        for match in text.matches(of: try! Regex<(Substring, Substring)>(" \(attribute)=\"([^\"]+)\"")) {
            var value = String(match.output.1).replacing(/[\n\r\t]/, with: " ")
            value = value.replacing(/&#(x?)([0-9a-fA-F]+);/) { reference in
                let scalar = UInt32(reference.output.2, radix: reference.output.1.isEmpty ? 10 : 16).flatMap(Unicode.Scalar.init)
                return scalar.map { String(Character($0)) } ?? ""
            }
            for (entity, character) in [("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&apos;", "'"), ("&amp;", "&")] {
                value = value.replacingOccurrences(of: entity, with: character)
            }
            names.insert(value)
        }
        return names
    }

    static func flatten(_ node: UINode) -> [UINode] {
        [node] + node.children.flatMap(flatten)
    }
}
