import Foundation
import Testing

@testable import SystemZeroCore

/// The template folder's index cache: used only while it checks out, brought up to date on every load.
struct TemplateIndexCacheTests {
    /// A copy of the bundled gallery in a fresh folder.
    func gallery() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sz-index-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = Fixtures.packageRoot.appendingPathComponent("templates").path
        for name in try FileManager.default.contentsOfDirectory(atPath: source) where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(atPath: "\(source)/\(name)", toPath: "\(folder)/\(name)")
        }
        return folder
    }

    /// Loads as if two seconds had passed, so that the files just written count as settled and are cached.
    func load(_ folder: String, limits: ImportLimits? = nil) throws -> TemplateLibrary {
        let loader = limits.map { TemplateLoader(limits: $0) } ?? TemplateLoader()
        return try TemplateLibrary.load(directory: folder, loader: loader, indexCache: true, now: FileStamp.now() + 2_000_000_000)
    }

    func cache(_ folder: String, limits: ImportLimits = TemplateLoader().limits) -> TemplateIndexCache? {
        TemplateIndexCache(directory: folder, limits: limits)
    }

    /// What a template is, for comparing two loads.
    func summary(_ library: TemplateLibrary) -> [String] {
        library.templates.map { template in
            let reference = template.reference.map { tree in
                tree.nodes.map { "\($0.role)|\($0.name ?? "")|\($0.structureHash)|\($0.contentHash)" }
            }
            return [
                template.screenID, template.app ?? "-", "\(template.version)", template.required.map(\.source).joined(separator: ","),
                template.forbidden.map(\.source).joined(separator: ","), template.masks.map(\.source).joined(separator: ","),
                template.prominence.map { "\($0.primary.source)>\($0.alternative.source)@\($0.maxRatio)" }.joined(separator: ","),
                template.validTransitions.joined(separator: ","), "\(template.interstitial)", "\(template.layoutTolerance)",
                template.structureSignature ?? "-", template.contentSignature ?? "-", template.file ?? "-",
                reference?.joined(separator: ";") ?? "-",
            ].joined(separator: "\n")
        }
    }

    @Test func aCachedLoadGivesTheSameLibrary() throws {
        let folder = try gallery()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try TemplateLibrary.load(directory: folder, indexCache: false)
        #expect(cache(folder) == nil)
        #expect(summary(try load(folder)) == summary(plain))
        let written = try #require(cache(folder))
        #expect(written.entries.count == plain.templates.count)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/.index/.gitignore"))
        #expect(summary(try load(folder)) == summary(plain))
    }

    @Test func filesChangedJustNowAreNotCached() throws {
        let folder = try gallery()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try TemplateLibrary.load(directory: folder)
        #expect(cache(folder)?.entries.isEmpty == true)
    }

    @Test func aChangedTemplateIsReadAgain() throws {
        let folder = try gallery()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try load(folder)
        let path = "\(folder)/login_form.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Same size, same modification time: only the change time and the content tell.
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        try text.replacingOccurrences(of: "version: 1", with: "version: 7").write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate] as Any], ofItemAtPath: path)
        #expect(try load(folder).template("login_form")?.version == 7)
        #expect(try load(folder).template("login_form")?.version == 7)
    }

    @Test func deletedAndAddedTemplatesAreFollowed() throws {
        let folder = try gallery()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = try load(folder)
        try FileManager.default.removeItem(atPath: "\(folder)/gmail_inbox.yaml")
        let after = try load(folder)
        #expect(after.templates.count == before.templates.count - 1)
        #expect(after.template("gmail_inbox") == nil)
        #expect(cache(folder)?.entries["gmail_inbox.yaml"] == nil)
        let extra = Template(screenID: "extra_screen", required: [try NodeSelector("#extra")])
        try TemplateWriter.yaml(extra).write(toFile: "\(folder)/extra.yaml", atomically: true, encoding: .utf8)
        #expect(try load(folder).template("extra_screen") != nil)
        #expect(cache(folder)?.entries["extra.yaml"] != nil)
    }

    @Test func aDamagedCacheIsIgnoredAndRewritten() throws {
        let folder = try gallery()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = summary(try TemplateLibrary.load(directory: folder, indexCache: false))
        _ = try load(folder)
        let path = TemplateIndexCache.path(directory: folder)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var flipped = good
        flipped[good.count / 2] ^= 0x40
        let damaged: [[UInt8]] = [flipped, Array(good.prefix(good.count - 9)), Array("not a cache".utf8), []]
        for bytes in damaged {
            #expect(TemplateIndexCache(bytes: bytes, limits: TemplateLoader().limits) == nil)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(summary(try load(folder)) == plain)
            #expect(cache(folder)?.entries.count == plain.count)
        }
    }

    @Test func aCacheMadeUnderOtherLimitsIsIgnored() throws {
        let folder = try gallery()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try load(folder)
        let other = ImportLimits(maxBytes: 4 << 20)
        #expect(cache(folder, limits: other) == nil)
        _ = try load(folder, limits: other)
        #expect(cache(folder, limits: other) != nil)
    }

    @Test func sourcesRoundTripThroughTheEncoding() throws {
        let reference = UINode(
            role: .window, name: "Ünïcode ✓", states: [.checked, .disabled], bounds: Bounds(x: 0, y: -1.5, width: 1080, height: 2340),
            attributes: ["class": "android.widget.FrameLayout", "hint": ""],
            children: [UINode(role: .button, value: "v", id: "com.example:id/ok"), UINode(role: .text)])
        let source = TemplateSource(
            screenID: "s", app: nil, version: 3, required: ["#ok", "[name=\"a\"]"], forbidden: [], masks: ["text"],
            prominence: [.init(primary: "#ok", alternative: "text", maxRatio: 2.5)], validTransitions: ["t"], interstitial: true,
            layoutTolerance: 0.25, reference: reference, structureSignature: nil, contentSignature: "c")
        var writer = ByteWriter()
        source.encode(into: &writer)
        var reader = ByteReader(writer.bytes, range: 0..<writer.bytes.count)
        #expect(try TemplateSource(from: &reader) == source)
        // Every truncation fails cleanly.
        for end in 0..<writer.bytes.count {
            var short = ByteReader(writer.bytes, range: 0..<end)
            #expect(throws: ByteReader.Failure.self) { try TemplateSource(from: &short) }
        }
    }
}
