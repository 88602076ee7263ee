import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads Android `uiautomator dump` XML.
///
/// Each `<node>` becomes a ``UINode``: the class maps to a role (``RoleMapper``), `text` and `content-desc`
/// give the name (for text fields `text` is the value and `content-desc` or `hint` the name), `resource-id`
/// the id, the boolean attributes the states, and `bounds="[x1,y1][x2,y2]"` the rectangle. Every other
/// attribute (`class`, `index`, `drawing-order`, `hint`, …) is kept in ``UINode/attributes``. The `package`
/// of the first node is the capture's app, and the root node's rectangle its viewport.
///
/// Documents with a DTD or entity declarations are refused before parsing: uiautomator never writes them,
/// and they are the door for external-entity and entity-expansion attacks.
public struct UIAutomatorImporter: Sendable {
    public var limits: ImportLimits

    public init(limits: ImportLimits = .default) {
        self.limits = limits
    }

    public func importCapture(_ bytes: [UInt8]) throws(ImportError) -> Capture {
        guard bytes.count <= limits.maxBytes else { throw ImportError(.tooLarge(bytes: bytes.count, limit: limits.maxBytes)) }
        _ = try UTF8Validation.string(from: bytes)
        for marker in ["<!DOCTYPE", "<!ENTITY", "<!doctype"] {
            if let offset = ByteSearch.firstOffset(of: Array(marker.utf8), in: bytes) {
                throw ImportError(
                    .forbidden("DTDs and entity declarations are not accepted in uiautomator XML"),
                    position: .of(offset: offset, in: bytes))
            }
        }
        let builder = TreeBuilder(limits: limits)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = builder
        let ok = parser.parse()
        if let error = builder.error { throw error }
        guard ok else {
            let code = (parser.parserError as NSError?)?.code ?? 0
            let position = SourcePosition.line(parser.lineNumber, column: parser.columnNumber)
            switch code {
            case 89, 104: throw ImportError(.tooDeep(limit: limits.maxDepth), position: position)
            case 26, 27, 29, 30: throw ImportError(.forbidden("entities are not accepted in uiautomator XML"), position: position)
            default:
                throw ImportError(
                    .malformed("XML: \(parser.parserError?.localizedDescription ?? "parse error") (code \(code))"), position: position)
            }
        }
        guard let root = builder.root else { throw ImportError(.invalidValue("the XML holds no <hierarchy> or <node>")) }
        var viewport: Viewport?
        if let first = root.children.first?.bounds {
            viewport = Viewport(width: first.x + first.width, height: first.y + first.height)
        }
        return Capture(app: builder.package, source: "android-uiautomator", viewport: viewport, tree: root)
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

    /// Builds the tree from parser events; an explicit stack, so depth costs no recursion.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        let limits: ImportLimits
        var stack: [UINode] = []
        var root: UINode?
        var package: String?
        var error: ImportError?
        var count = 0

        init(limits: ImportLimits) {
            self.limits = limits
        }

        func fail(_ parser: XMLParser, _ reason: ImportError.Reason) {
            error = ImportError(reason, position: .line(parser.lineNumber, column: parser.columnNumber))
            parser.abortParsing()
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            guard error == nil else { return }
            guard stack.count < limits.maxDepth else { return fail(parser, .tooDeep(limit: limits.maxDepth)) }
            count += 1
            guard count <= limits.maxNodes else { return fail(parser, .tooManyNodes(limit: limits.maxNodes)) }
            for (key, value) in attributes where value.utf8.count > limits.maxStringLength || key.utf8.count > limits.maxStringLength {
                return fail(parser, .stringTooLong(limit: limits.maxStringLength))
            }
            switch elementName {
            case "hierarchy":
                var node = UINode(role: .window)
                if let rotation = attributes["rotation"] { node.attributes["rotation"] = rotation }
                stack.append(node)
            case "node":
                guard let node = makeNode(attributes, parser: parser) else { return }
                stack.append(node)
            default:
                fail(parser, .invalidValue("unexpected element <\(elementName)> in uiautomator XML"))
            }
        }

        func makeNode(_ attributes: [String: String], parser: XMLParser) -> UINode? {
            let className = attributes["class"] ?? ""
            var node = UINode(role: RoleMapper.role(androidClass: className))
            // Compose and Flutter render buttons as plain clickable views.
            if className == "android.view.View", attributes["clickable"] == "true", attributes["checkable"] != "true" {
                node.role = .button
            }
            var rest = attributes
            for key in ["text", "content-desc", "resource-id", "bounds", "package", "enabled", "visible-to-user"] {
                rest[key] = nil
            }
            for (key, state) in UIAutomatorImporter.stateAttributes {
                if attributes[key] == "true" { node.states.insert(state) }
                rest[key] = nil
            }
            if attributes["enabled"] == "false" { node.states.insert(.disabled) }
            if attributes["visible-to-user"] == "false" { node.states.insert(.hidden) }
            if node.role == .checkbox || node.role == .switch || node.role == .radio { node.states.remove(.checkable) }
            let text = attributes["text"].flatMap { $0.isEmpty ? nil : $0 }
            let description = attributes["content-desc"].flatMap { $0.isEmpty ? nil : $0 }
            let hint = attributes["hint"].flatMap { $0.isEmpty ? nil : $0 }
            if node.role == .textbox || node.role == .searchbox || node.role == .combobox {
                node.value = text
                node.name = description ?? hint
            } else {
                node.name = description ?? text
                if let text, let description, text != description { node.value = text }
            }
            if let id = attributes["resource-id"], !id.isEmpty { node.id = id }
            if let boundsText = attributes["bounds"] {
                guard let bounds = UIAutomatorImporter.parseBounds(boundsText) else {
                    fail(parser, .invalidValue("bounds \"\(boundsText)\" is not of the form [x1,y1][x2,y2]"))
                    return nil
                }
                node.bounds = bounds
            }
            if package == nil, let value = attributes["package"], !value.isEmpty { package = value }
            for (key, value) in rest where !value.isEmpty { node.attributes[key] = value }
            return node
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard error == nil, let node = stack.popLast() else { return }
            if stack.isEmpty {
                if root == nil {
                    // A bare <node> root (no <hierarchy>) is wrapped in a window, as uiautomator's root is.
                    root = node.role == .window && elementName == "hierarchy" ? node : UINode(role: .window, children: [node])
                } else {
                    fail(parser, .malformed("more than one root element"))
                }
            } else {
                stack[stack.count - 1].children.append(node)
            }
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            fail(parser, .forbidden("entity declarations are not accepted in uiautomator XML"))
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            fail(parser, .forbidden("external entities are not accepted in uiautomator XML"))
        }
    }
}
