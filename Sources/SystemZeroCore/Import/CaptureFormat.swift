/// The capture formats System//Zero reads.
public enum CaptureFormat: String, Sendable, Hashable, CaseIterable {
    /// System//Zero's own JSON (DESIGN.md, "Native capture"): what capture agents POST and `import` writes.
    case native
    /// Android `uiautomator dump` XML.
    case uiautomator
    /// A Chrome DevTools `Accessibility.getFullAXTree` response, `{"nodes": […]}` or the bare array.
    case chromeAX = "chrome-ax"
    /// A Playwright ARIA snapshot (YAML).
    case ariaSnapshot = "aria"

    private static let nodesKey = Array(#""nodes""#.utf8)
    private static let treeKey = Array(#""tree""#.utf8)

    /// Tells the format from the first meaningful bytes and, for JSON, the top-level shape.
    ///
    /// XML starts with `<`; JSON with `{` or `[` (an array, or an object with `nodes`, is Chrome AX; an object
    /// with `tree` is native); ARIA snapshots are YAML that starts with `- `.
    public static func detect(_ bytes: [UInt8]) -> CaptureFormat? {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "<"):
            return .uiautomator
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
}
