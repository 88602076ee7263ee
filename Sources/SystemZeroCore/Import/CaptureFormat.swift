/// The capture formats System//Zero reads.
public enum CaptureFormat: String, Sendable, Hashable, CaseIterable {
    /// System//Zero's own JSON (DESIGN.md, "Native capture"): what capture agents POST and `import` writes.
    case native
    /// Android `uiautomator dump` XML, or an Appium UiAutomator2 page source.
    case uiautomator
    /// An iOS XCUITest page source, from Appium (`<AppiumAUT>`) or WebDriverAgent.
    case xcuitest
    /// A Chrome DevTools `Accessibility.getFullAXTree` response, `{"nodes": […]}` or the bare array.
    case chromeAX = "chrome-ax"
    /// A Playwright ARIA snapshot (YAML).
    case ariaSnapshot = "aria"

    private static let nodesKey = Array(#""nodes""#.utf8)
    private static let treeKey = Array(#""tree""#.utf8)

    /// Tells the format from the first meaningful bytes and, for JSON, the top-level shape.
    ///
    /// XML starts with `<` (its root element tells iOS, `<AppiumAUT>` or `<XCUIElementType…>`, from Android); JSON
    /// with `{` or `[` (an array, or an object with `nodes`, is Chrome AX; an object
    /// with `tree` is native); ARIA snapshots are YAML that starts with `- `.
    public static func detect(_ bytes: [UInt8]) -> CaptureFormat? {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "<"):
            return xmlFormat(bytes, from: index)
        case UInt8(ascii: "["):
            return .chromeAX
        case UInt8(ascii: "{"):
            // Look for the distinguishing top-level key without parsing the whole document.
            let head = bytes[index..<min(bytes.count, index + 4096)]
            if ByteSearch.contains(head, Self.nodesKey) && !ByteSearch.contains(head, Self.treeKey) { return .chromeAX }
            return .native
        case UInt8(ascii: "-"):
            return .ariaSnapshot
        default:
            return nil
        }
    }

    private static let appiumRoot = Array("AppiumAUT".utf8)
    private static let xcuiPrefix = Array("XCUIElementType".utf8)

    /// The XML format by the name of the first element at or after `start`, past the XML declaration, comments and
    /// processing instructions: XCUITest for `AppiumAUT` and `XCUIElementType…`, uiautomator for anything else.
    static func xmlFormat(_ bytes: [UInt8], from start: Int) -> CaptureFormat {
        // Only the head is looked at: a root element comes after at most a declaration and a few comments.
        let head = bytes[start..<min(bytes.count, start + 4096)]
        var index = head.startIndex
        while let open = head[index...].firstIndex(of: UInt8(ascii: "<")), open + 1 < head.endIndex {
            let rest = head[(open + 1)...]
            let closing: [UInt8]
            switch rest.first {
            case UInt8(ascii: "?"): closing = Array("?>".utf8)
            case UInt8(ascii: "!") where rest.starts(with: Array("!--".utf8)): closing = Array("-->".utf8)
            case UInt8(ascii: "!"): closing = Array(">".utf8)
            default: return rest.starts(with: appiumRoot) || rest.starts(with: xcuiPrefix) ? .xcuitest : .uiautomator
            }
            guard let end = ByteSearch.firstOffset(of: closing, in: Array(rest)) else { break }
            index = rest.startIndex + end + closing.count
        }
        return .uiautomator
    }
}
