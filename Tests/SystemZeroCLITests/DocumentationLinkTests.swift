import Foundation
import Testing

/// Every relative link in the repository's Markdown files points at a file or folder that exists.
///
/// Links are `[text](path)`, `[text](path#anchor)`, `[text](<path>)` and reference definitions `[id]: path`. Links
/// with a scheme (`https:`, `mailto:` …) and links to an anchor in the same file are not checked; neither is anything
/// inside fenced code blocks or inline code spans. Build folders (`.build*`) and `.git` are skipped.
@Suite("Documentation links")
struct DocumentationLinkTests {
    /// The repository root: this file is `Tests/SystemZeroCLITests/DocumentationLinkTests.swift`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Link: Equatable, CustomStringConvertible {
        var line: Int
        var target: String
        var description: String { "line \(line): \(target)" }
    }

    @Test("every relative link in every Markdown file resolves")
    func everyRelativeLinkResolves() throws {
        let files = Self.markdownFiles()
        #expect(files.contains { $0.lastPathComponent == "README.md" }, "README.md not found under \(Self.root.path)")
        var broken: [String] = []
        var checked = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for link in Self.links(in: text) {
                guard let path = Self.localPath(of: link.target) else { continue }
                checked += 1
                let base = path.hasPrefix("/") ? Self.root : file.deletingLastPathComponent()
                let resolved = base.appendingPathComponent(path.hasPrefix("/") ? String(path.dropFirst()) : path)
                if !FileManager.default.fileExists(atPath: resolved.standardizedFileURL.path) {
                    broken.append("\(Self.relative(file)):\(link.line): \(link.target)")
                }
            }
        }
        #expect(checked > 0, "no relative links found")
        #expect(broken.isEmpty, "broken relative links:\n\(broken.joined(separator: "\n"))")
    }

    @Test("the extractor skips code, external links and same-file anchors")
    func extractorRules() {
        let text = """
            See [the ledger](docs/LEDGER.md#hashes) and [site](https://example.org) or [mail](mailto:a@b.c).
            Inline `[not](a-link.md)` and [anchor](#top), [spaced](<docs/A B.md>), [titled](x.md "Title").
            ```sh
            echo "[not](in-a-fence.md)"
            ```
            [ref]: ../LICENSE
            """
        let links = Self.links(in: text)
        #expect(
            links == [
                Link(line: 1, target: "docs/LEDGER.md#hashes"), Link(line: 1, target: "https://example.org"),
                Link(line: 1, target: "mailto:a@b.c"), Link(line: 2, target: "#top"), Link(line: 2, target: "docs/A B.md"),
                Link(line: 2, target: "x.md"), Link(line: 6, target: "../LICENSE"),
            ])
        #expect(links.compactMap { Self.localPath(of: $0.target) } == ["docs/LEDGER.md", "docs/A B.md", "x.md", "../LICENSE"])
    }

    // MARK: - Helpers

    /// Markdown files under the root, skipping `.build*`, `.git` and `.swiftpm` folders.
    static func markdownFiles() -> [URL] {
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isDirectoryKey], options: [])
        else { return [] }
        var files: [URL] = []
        for case let url as URL in walker {
            let name = url.lastPathComponent
            let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            if isDirectory {
                if name.hasPrefix(".build") || name == ".git" || name == ".swiftpm" || name == "node_modules" {
                    walker.skipDescendants()
                }
            } else if name.lowercased().hasSuffix(".md") {
                files.append(url)
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The links of a Markdown text with their 1-based line numbers, outside code.
    static func links(in text: String) -> [Link] {
        var links: [Link] = []
        var fence: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                continue
            }
            let prose = withoutCodeSpans(line)
            if let definition = referenceDefinition(prose) {
                links.append(Link(line: index + 1, target: definition))
                continue
            }
            for target in inlineTargets(prose) {
                links.append(Link(line: index + 1, target: target))
            }
        }
        return links
    }

    /// The file part of a link target, or nil for external links and same-file anchors.
    static func localPath(of target: String) -> String? {
        if target.hasPrefix("#") || target.isEmpty { return nil }
        if let colon = target.firstIndex(of: ":"), !target[..<colon].contains("/") { return nil }  // a scheme
        var path = target
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        return path.removingPercentEncoding ?? path
    }

    private static func withoutCodeSpans(_ line: String) -> String {
        var result = ""
        var inCode = false
        for character in line {
            if character == "`" {
                inCode.toggle()
            } else if !inCode {
                result.append(character)
            }
        }
        return result
    }

    private static func referenceDefinition(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("["), let close = trimmed.range(of: "]:") else { return nil }
        let rest = trimmed[close.upperBound...].trimmingCharacters(in: .whitespaces)
        return rest.split(separator: " ").first.map(String.init)
    }

    private static func inlineTargets(_ line: String) -> [String] {
        var targets: [String] = []
        var rest = line[...]
        while let start = rest.range(of: "](") {
            let after = rest[start.upperBound...]
            var target: Substring
            if after.hasPrefix("<") {
                guard let end = after.firstIndex(of: ">") else { break }
                target = after[after.index(after: after.startIndex)..<end]
                rest = after[end...]
            } else {
                guard let end = after.firstIndex(of: ")") else { break }
                target = after[..<end]
                if let space = target.firstIndex(of: " ") { target = target[..<space] }  // [x](path "title")
                rest = after[end...]
            }
            if !target.isEmpty { targets.append(String(target)) }
        }
        return targets
    }

    private static func relative(_ file: URL) -> String {
        let rootPath = root.standardizedFileURL.path
        let path = file.standardizedFileURL.path
        return path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : path
    }
}
