extension SyntheticScreen {
    /// ``capture(nodes:variant:)`` written as Android `uiautomator dump` XML: one `<node>` for each node (the window
    /// a `FrameLayout` inside the `<hierarchy>`), with the class of a platform widget for each role, its text, resource id, states and
    /// bounds, as a real dump has them. For benchmarking the XML importers.
    public static func uiautomatorXML(nodes: Int) -> [UInt8] {
        let capture = capture(nodes: nodes)
        var xml = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">"
        // As on a phone, one view spans the screen inside the hierarchy (its box is the capture's viewport).
        append(capture.tree, index: 0, to: &xml)
        xml += "</hierarchy>"
        return Array(xml.utf8)
    }

    private static func append(_ node: UINode, index: Int, to xml: inout String) {
        let bounds = node.bounds.map { "[\(Int($0.x)),\(Int($0.y))][\(Int($0.x + $0.width)),\(Int($0.y + $0.height))]" } ?? ""
        let flag = { (state: StateSet) in node.states.contains(state) ? "true" : "false" }
        xml += "<node index=\"\(index)\" text=\"\(node.name ?? "")\" resource-id=\"\(node.id.map { "com.example.menu:id/\($0)" } ?? "")\""
        xml += " class=\"\(androidClasses[node.role] ?? "android.widget.FrameLayout")\" package=\"com.example.menu\" content-desc=\"\""
        xml += " checkable=\"false\" checked=\"false\" clickable=\"\(flag(.clickable))\" enabled=\"true\""
        xml += " focusable=\"\(flag(.focusable))\" focused=\"false\" scrollable=\"false\" long-clickable=\"false\" password=\"false\""
        xml += " selected=\"\(flag(.selected))\" bounds=\"\(bounds)\">"
        for (position, child) in node.children.enumerated() { append(child, index: position, to: &xml) }
        xml += "</node>"
    }

    private static let androidClasses: [Role: String] = [
        .heading: "android.widget.TextView", .text: "android.widget.TextView", .image: "android.widget.ImageView",
        .button: "android.widget.Button", .list: "androidx.recyclerview.widget.RecyclerView", .group: "android.widget.LinearLayout",
        .navigation: "com.google.android.material.bottomnavigation.BottomNavigationView", .tab: "android.widget.FrameLayout",
    ]
}
