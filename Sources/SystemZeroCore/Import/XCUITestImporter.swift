/// Reads iOS XCUITest page sources, as Appium's XCUITest driver writes them (`<AppiumAUT>` around the application)
/// or WebDriverAgent itself does (the `<XCUIElementTypeApplication>` as the root): both give the same capture.
///
/// Each `XCUIElementType…` element becomes a ``UINode``: its `type` maps to a role (``RoleMapper/role(xcuiType:)``,
/// a `Cell` inside a grid or row is a cell, elsewhere a list item), `label` is the name (for text fields the
/// `placeholderValue` when there is no label), `name` the id when it is an identifier rather than the label,
/// `value` the value (a switch's or check box's `1` is its checked state; a text's value equal to its label and
/// an empty field's placeholder shown as its value are no value), `enabled`, `visible` and `selected` the states,
/// and `x`, `y`, `width`, `height` the rectangle in points. The type is kept as the `class` attribute, the
/// placeholder as `hint`, and every other attribute (`accessible`, `index`, `hittable`, …) under its own name. The
/// application's label is the capture's app (a page source carries no bundle id), its rectangle the viewport.
///
/// The XML is read by ``XMLTreeReader``: DTDs and entities are refused, the limits hold, and content after the
/// document is an error.
public struct XCUITestImporter: Sendable {
    public var limits: ImportLimits

    public init(limits: ImportLimits = .default) {
        self.limits = limits
    }

    public func importCapture(_ bytes: [UInt8]) throws(ImportError) -> Capture {
        let maker = NodeMaker()
        let root = try XMLTreeReader(limits: limits, formatName: "XCUITest XML").read(bytes, maker: maker)
        var tree = root.node
        if root.element == "AppiumAUT" {
            tree = tree.children.count == 1 ? tree.children[0] : UINode(role: .window, children: tree.children)
        }
        // The source of a single element rather than the application is put in a window, as an application is one.
        if tree.role != .window { tree = UINode(role: .window, children: [tree]) }
        let frame = tree.bounds ?? tree.children.first?.bounds
        let viewport = frame.map { Viewport(width: $0.x + $0.width, height: $0.y + $0.height) }
        return Capture(app: maker.application, source: "ios-xcuitest", viewport: viewport, tree: tree)
    }

    /// The element type prefix of every element but the `AppiumAUT` wrapper.
    static let typePrefix = "XCUIElementType"

    /// The attributes read into a node's fields rather than kept under their own names.
    static let fieldAttributes = [
        "type", "name", "label", "value", "placeholderValue", "enabled", "visible", "selected", "focused", "x", "y", "width",
        "height",
    ]

    /// Makes a node of each element; remembers the application's name.
    private final class NodeMaker: XMLNodeMaking {
        var application: String?

        func node(element name: String, attributes: [String: String], parent: Role?) throws(ImportError) -> UINode {
            if name == "AppiumAUT", parent == nil { return UINode(role: .window) }
            guard name.hasPrefix(XCUITestImporter.typePrefix) else {
                throw ImportError(
                    .invalidValue(
                        "unexpected element <\(name)> in XCUITest XML (a page source holds XCUIElementType… elements, in one <AppiumAUT> or not)"
                    ))
            }
            let type = attributes["type"].flatMap { $0.isEmpty ? nil : $0 } ?? name
            var node = UINode(role: RoleMapper.role(xcuiType: type))
            if node.role == .listitem, parent == .grid || parent == .row { node.role = .cell }
            let label = Self.text(attributes["label"])
            let identifier = Self.text(attributes["name"])
            let value = Self.text(attributes["value"])
            let placeholder = Self.text(attributes["placeholderValue"])
            node.name = label
            if let identifier, identifier != label { node.id = identifier }
            switch node.role {
            case .switch, .checkbox, .radio:
                switch value?.lowercased() {
                case "1", "true", "on": node.states.insert(.checked)
                case "2", "mixed": node.states.insert(.mixed)
                case nil, "0", "false", "off": break
                default: node.value = value
                }
            case .textbox, .searchbox, .combobox:
                if node.name == nil { node.name = placeholder }
                if value != placeholder { node.value = value }
            default:
                if value != label { node.value = value }
            }
            if type.hasSuffix("SecureTextField") { node.states.insert(.password) }
            if type.hasSuffix("TextView") { node.states.insert(.multiline) }
            if attributes["enabled"] == "false" { node.states.insert(.disabled) }
            if attributes["visible"] == "false" { node.states.insert(.hidden) }
            if attributes["selected"] == "true" { node.states.insert(.selected) }
            if attributes["focused"] == "true" { node.states.insert(.focused) }
            node.bounds = try Self.bounds(attributes)
            if node.role == .window, parent == nil || parent == .window, application == nil { application = label ?? identifier }
            var rest = attributes
            for key in XCUITestImporter.fieldAttributes { rest[key] = nil }
            rest["class"] = type
            rest["hint"] = placeholder
            for (key, value) in rest where !value.isEmpty { node.attributes[key] = value }
            return node
        }

        /// The text, `nil` when empty.
        static func text(_ text: String?) -> String? {
            guard let text, !text.isEmpty else { return nil }
            return text
        }

        /// The rectangle of `x`, `y`, `width` and `height` (points); `nil` when the element has none of them.
        static func bounds(_ attributes: [String: String]) throws(ImportError) -> Bounds? {
            let texts = [attributes["x"], attributes["y"], attributes["width"], attributes["height"]]
            guard texts.contains(where: { $0 != nil }) else { return nil }
            let numbers = texts.compactMap { $0.flatMap(Double.init) }.filter(\.isFinite)
            guard numbers.count == 4 else {
                let shown = zip(["x", "y", "width", "height"], texts).map { "\($0)=\"\($1 ?? "")\"" }.joined(separator: " ")
                throw ImportError(.invalidValue("the rectangle \(shown) is not four finite numbers"))
            }
            return Bounds(x: numbers[0], y: numbers[1], width: max(0, numbers[2]), height: max(0, numbers[3]))
        }
    }
}
