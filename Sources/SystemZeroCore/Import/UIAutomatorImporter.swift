/// Reads Android `uiautomator dump` XML and Appium UiAutomator2 page sources.
///
/// Both describe the same `AccessibilityNodeInfo` tree: a dump names every element `<node>`, Appium names each by
/// its class (`<android.widget.FrameLayout>`) and adds attributes of its own (`displayed`, `a11y-important`,
/// `heading`, `content-invalid`, …). Each element inside `<hierarchy>` becomes a ``UINode``: the class maps to a
/// role (``RoleMapper``), `text` and `content-desc` give the name (for text fields `text` is the value, unless it is
/// the hint shown in an empty field, and `content-desc` or `hint` the name), `resource-id` the id, the boolean
/// attributes the states (`visible-to-user` or `displayed` false: hidden), and `bounds="[x1,y1][x2,y2]"` the
/// rectangle. Every other attribute (`class`, `index`, `drawing-order`, `hint`, Appium's own) is kept in
/// ``UINode/attributes`` under its own name, and takes no part in the role, name or states: what only Appium reports
/// does not make its tree differ from the dump's of the same screen. The `package` of the first node is the
/// capture's app, and the first node's rectangle its viewport.
///
/// The XML is read by ``XMLTreeReader``: DTDs and entities are refused, the limits hold, and content after the
/// document is an error.
public struct UIAutomatorImporter: Sendable {
    public var limits: ImportLimits

    public init(limits: ImportLimits = .default) {
        self.limits = limits
    }

    public func importCapture(_ bytes: [UInt8]) throws(ImportError) -> Capture {
        let maker = NodeMaker()
        let root = try XMLTreeReader(limits: limits, formatName: "uiautomator XML").read(bytes, maker: maker)
        // A bare <node> root (no <hierarchy>) is wrapped in a window, as uiautomator's root is.
        let tree = root.element == "hierarchy" ? root.node : UINode(role: .window, children: [root.node])
        var viewport: Viewport?
        if let first = tree.children.first?.bounds {
            viewport = Viewport(width: first.x + first.width, height: first.y + first.height)
        }
        return Capture(
            app: maker.package, source: maker.namedByClass ? "android-appium" : "android-uiautomator", viewport: viewport, tree: tree)
    }

    /// Parses `[x1,y1][x2,y2]` into a rectangle.
    static func parseBounds(_ text: String) -> Bounds? {
        let numbers = text.split(whereSeparator: { $0 == "[" || $0 == "]" || $0 == "," }).compactMap { Double($0) }
        guard numbers.count == 4, numbers.allSatisfy(\.isFinite) else { return nil }
        return Bounds(x: numbers[0], y: numbers[1], width: max(0, numbers[2] - numbers[0]), height: max(0, numbers[3] - numbers[1]))
    }

    static let stateAttributes: [(String, StateSet)] = [
        ("checkable", .checkable), ("checked", .checked), ("clickable", .clickable), ("focusable", .focusable),
        ("focused", .focused), ("scrollable", .scrollable), ("long-clickable", .longClickable), ("password", .password),
        ("selected", .selected),
    ]

    /// The attributes read into a node's fields rather than kept as attributes.
    static let fieldAttributes = ["text", "content-desc", "resource-id", "bounds", "package", "enabled", "visible-to-user", "displayed"]

    /// The attributes of `<hierarchy>` kept on the window (Appium also writes the display's size there).
    static let hierarchyAttributes = ["rotation", "width", "height"]

    /// Makes a node of each element; remembers the first package and whether elements are named by class (Appium).
    private final class NodeMaker: XMLNodeMaking {
        var package: String?
        var namedByClass = false

        func node(element name: String, attributes: [String: String], parent: Role?) throws(ImportError) -> UINode {
            if name == "hierarchy", parent == nil {
                var node = UINode(role: .window)
                for key in UIAutomatorImporter.hierarchyAttributes { node.attributes[key] = attributes[key] }
                return node
            }
            guard name != "hierarchy", parent != nil || name == "node" else {
                throw ImportError(
                    .invalidValue(
                        "unexpected element <\(name)> in uiautomator XML (a dump or an Appium page source has one <hierarchy> around its elements)"
                    ))
            }
            if name != "node" { namedByClass = true }
            return try makeNode(attributes, className: attributes["class"] ?? (name == "node" ? "" : name))
        }

        func makeNode(_ attributes: [String: String], className: String) throws(ImportError) -> UINode {
            var node = UINode(role: RoleMapper.role(androidClass: className))
            // Compose and Flutter render buttons as plain clickable views.
            if className == "android.view.View", attributes["clickable"] == "true", attributes["checkable"] != "true" {
                node.role = .button
            }
            var rest = attributes
            for key in UIAutomatorImporter.fieldAttributes { rest[key] = nil }
            for (key, state) in UIAutomatorImporter.stateAttributes {
                if attributes[key] == "true" { node.states.insert(state) }
                rest[key] = nil
            }
            if attributes["enabled"] == "false" { node.states.insert(.disabled) }
            if attributes["visible-to-user"] == "false" || attributes["displayed"] == "false" { node.states.insert(.hidden) }
            if node.role == .checkbox || node.role == .switch || node.role == .radio { node.states.remove(.checkable) }
            let text = attributes["text"].flatMap { $0.isEmpty ? nil : $0 }
            let description = attributes["content-desc"].flatMap { $0.isEmpty ? nil : $0 }
            let hint = attributes["hint"].flatMap { $0.isEmpty ? nil : $0 }
            if node.role == .textbox || node.role == .searchbox || node.role == .combobox {
                // An empty field shows its hint as its text (Appium says so with showing-hint; a dump does not).
                node.value = text == hint || attributes["showing-hint"] == "true" ? nil : text
                node.name = description ?? hint
            } else {
                node.name = description ?? text
                if let text, let description, text != description { node.value = text }
            }
            if let id = attributes["resource-id"], !id.isEmpty { node.id = id }
            if let boundsText = attributes["bounds"] {
                guard let bounds = UIAutomatorImporter.parseBounds(boundsText) else {
                    throw ImportError(.invalidValue("bounds \"\(boundsText)\" is not of the form [x1,y1][x2,y2]"))
                }
                node.bounds = bounds
            }
            if package == nil, let value = attributes["package"], !value.isEmpty { package = value }
            if rest["class"] == nil, !className.isEmpty { rest["class"] = className }
            for (key, value) in rest where !value.isEmpty { node.attributes[key] = value }
            return node
        }
    }
}
