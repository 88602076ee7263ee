import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Turns the elements of one XML capture format into nodes, for ``XMLTreeReader``.
protocol XMLNodeMaking: AnyObject {
    /// The node for an element (without its children), or an error without a position (the reader adds it).
    /// - Parameter parent: the role of the enclosing element's node, `nil` for the root element.
    func node(element name: String, attributes: [String: String], parent: Role?) throws(ImportError) -> UINode
}

/// The XML reading every XML importer shares (``UIAutomatorImporter``, ``XCUITestImporter``).
///
/// It checks the byte limit and UTF-8, refuses DTDs and entity declarations before parsing (no capture format uses
/// them; they are the door for external-entity and entity-expansion attacks), parses with libxml2 through
/// `XMLParser` with an explicit stack (depth costs no recursion), enforces the depth, node and string limits as it
/// goes, and maps libxml2's errors to ``ImportError`` with their line and column. Processing instructions are
/// refused too (FoundationXML crashes on one without data, `<?pi?>`). What follows the root element other than
/// white space and comments (a second document, a log line) is an error that names where the document ends and
/// where the rest starts: one capture is one document (libxml2 through `XMLParser` stops at the root's end and
/// would say nothing of it).
struct XMLTreeReader {
    var limits: ImportLimits
    /// What messages call the format, such as `uiautomator XML`.
    var formatName: String

    /// The root element's name and its node, with every element below it nested as in the document.
    func read(_ bytes: [UInt8], maker: some XMLNodeMaking) throws(ImportError) -> (element: String, node: UINode) {
        guard bytes.count <= limits.maxBytes else { throw ImportError(.tooLarge(bytes: bytes.count, limit: limits.maxBytes)) }
        _ = try UTF8Validation.string(from: bytes)
        for marker in ["<!DOCTYPE", "<!ENTITY", "<!doctype"] {
            if let offset = ByteSearch.firstOffset(of: Array(marker.utf8), in: bytes) {
                throw ImportError(
                    .forbidden("DTDs and entity declarations are not accepted in \(formatName)"),
                    position: .of(offset: offset, in: bytes))
            }
        }
        if let offset = Self.processingInstructionOffset(in: bytes) {
            // FoundationXML crashes on a processing instruction without data (`<?pi?>`); no capture format has any.
            throw ImportError(
                .forbidden("processing instructions are not accepted in \(formatName)"), position: .of(offset: offset, in: bytes))
        }
        let builder = TreeBuilder(limits: limits, formatName: formatName, maker: maker)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = builder
        let ok = parser.parse()
        if let error = builder.error { throw error }
        if let root = builder.root, let end = builder.rootEnd {
            // libxml2 through XMLParser stops at the end of the root element and reports nothing of what follows (or,
            // for some of it, a generic error).
            if let offset = Self.contentOffset(after: end, root: root.element, in: bytes) {
                throw ImportError(
                    .malformed(
                        "the document ends with </\(root.element)> at line \(end.line), column \(end.column), but more follows: a second "
                            + "document or other text; one capture is one XML document (split the file there)"),
                    position: .of(offset: offset, in: bytes))
            }
            if ok { return root }
        }
        guard !ok else { throw ImportError(.invalidValue("the XML holds no element")) }
        let code = (parser.parserError as NSError?)?.code ?? 0
        let position = SourcePosition.line(parser.lineNumber, column: parser.columnNumber)
        switch code {
        case 89, 104: throw ImportError(.tooDeep(limit: limits.maxDepth), position: position)
        case 26, 27, 29, 30: throw ImportError(.forbidden("entities are not accepted in \(formatName)"), position: position)
        default:
            throw ImportError(
                .malformed("XML: \(parser.parserError?.localizedDescription ?? "parse error") (code \(code))"), position: position)
        }
    }

    /// The offset of the first processing instruction, or `nil`: `<?` other than an XML declaration (`<?xml`, white
    /// space, `version`), the only form a page source or a second document after it starts with.
    static func processingInstructionOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            var start = 0
            let opening = Array("<?".utf8)
            let declaration = Array("xml".utf8)
            let version = Array("version".utf8)
            while start < buffer.count, let found = ByteSearch.firstOffset(of: opening, in: UnsafeBufferPointer(rebasing: buffer[start...]))
            {
                let offset = start + found
                let after = buffer[(offset + 2)...]
                guard after.starts(with: declaration) else { return offset }
                let rest = after.dropFirst(3)
                let space = rest.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
                guard !space.isEmpty, rest.dropFirst(space.count).starts(with: version) else { return offset }
                start = offset + 2
            }
            return nil
        }
    }

    /// Where content other than white space and comments starts after the root element,
    /// which ends at `end` (libxml2's line and column, counted in characters); `nil` when there is none.
    static func contentOffset(after end: (line: Int, column: Int), root: String, in bytes: [UInt8]) -> Int? {
        // Most documents end with the root's closing `>` and white space: when the last `>` is where libxml2 says the
        // root ended, nothing follows (two counting passes over the bytes, instead of walking them by character).
        if let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }), bytes[last] == UInt8(ascii: ">"),
            lineAndColumn(after: last, in: bytes) == end
        {
            return nil
        }
        var offset = 0
        var line = 1
        while line < end.line, offset < bytes.count {
            if bytes[offset] == UInt8(ascii: "\n") { line += 1 }
            offset += 1
        }
        var column = 1
        while column < end.column, offset < bytes.count {
            offset += 1
            if offset == bytes.count || bytes[offset] & 0xC0 != 0x80 { column += 1 }
        }
        // Should the position not be just past the root's closing `>`, find that `>` from the start of the line.
        if offset == 0 || offset > bytes.count || bytes[offset - 1] != UInt8(ascii: ">") {
            let lineStart = bytes[..<min(offset, bytes.count)].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            guard let closing = ByteSearch.firstOffset(of: Array("</\(root)".utf8), in: Array(bytes[lineStart...])),
                let close = bytes[(lineStart + closing)...].firstIndex(of: UInt8(ascii: ">"))
            else { return nil }
            offset = close + 1
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                offset += 1
                continue
            }
            let rest = bytes[offset...]
            let closing = Array("-->".utf8)
            guard rest.starts(with: Array("<!--".utf8)), let found = ByteSearch.firstOffset(of: closing, in: Array(rest)) else {
                return offset
            }
            offset += found + closing.count
        }
        return nil
    }

    /// The line and column (in characters, from 1) just past the byte at `index`: counted in loops the compiler
    /// vectorizes (a whole dump is often one line).
    static func lineAndColumn(after index: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            let end = min(index + 1, buffer.count)
            var newlines = 0
            for offset in 0..<end { newlines &+= buffer[offset] == 0x0A ? 1 : 0 }
            let lineStart = buffer[..<end].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            var characters = 0
            for offset in lineStart..<end { characters &+= buffer[offset] & 0xC0 != 0x80 ? 1 : 0 }
            return (newlines + 1, characters + 1)
        }
    }

    /// Builds the tree from parser events.
    private final class TreeBuilder<Maker: XMLNodeMaking>: NSObject, XMLParserDelegate {
        let limits: ImportLimits
        let formatName: String
        let maker: Maker
        var stack: [UINode] = []
        var root: (element: String, node: UINode)?
        var rootEnd: (line: Int, column: Int)?
        var error: ImportError?
        var count = 0

        init(limits: ImportLimits, formatName: String, maker: Maker) {
            self.limits = limits
            self.formatName = formatName
            self.maker = maker
        }

        func fail(_ parser: XMLParser, _ error: ImportError) {
            var error = error
            if error.position == nil { error.position = .line(parser.lineNumber, column: parser.columnNumber) }
            self.error = error
            parser.abortParsing()
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            guard error == nil else { return }
            guard stack.count < limits.maxDepth else { return fail(parser, ImportError(.tooDeep(limit: limits.maxDepth))) }
            count += 1
            guard count <= limits.maxNodes else { return fail(parser, ImportError(.tooManyNodes(limit: limits.maxNodes))) }
            for (key, value) in attributes where value.utf8.count > limits.maxStringLength || key.utf8.count > limits.maxStringLength {
                return fail(parser, ImportError(.stringTooLong(limit: limits.maxStringLength)))
            }
            do throws(ImportError) {
                // The parent's role read in place (`stack.last` would copy the node).
                let parent = stack.isEmpty ? nil : stack[stack.count - 1].role
                stack.append(try maker.node(element: elementName, attributes: attributes, parent: parent))
            } catch {
                fail(parser, error)
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard error == nil, let node = stack.popLast() else { return }
            if stack.isEmpty {
                root = (elementName, node)
                rootEnd = (parser.lineNumber, parser.columnNumber)
            } else {
                stack[stack.count - 1].children.append(node)
            }
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            fail(parser, ImportError(.forbidden("entity declarations are not accepted in \(formatName)")))
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            fail(parser, ImportError(.forbidden("external entities are not accepted in \(formatName)")))
        }
    }
}
