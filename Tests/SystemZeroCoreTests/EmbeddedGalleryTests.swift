import Foundation
import SystemZeroGallery
import Testing

@testable import SystemZeroCore

/// The gallery and sample sessions compiled into the binary are the repository's files, byte for byte.
struct EmbeddedGalleryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyTemplateAndSessionFileIsEmbeddedExactly() throws {
        let templates = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("templates").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(EmbeddedGallery.paths(in: "templates") == templates.map { "templates/" + $0 })
        var checked = 0
        for path in EmbeddedGallery.paths(in: "templates")
            + EmbeddedGallery.sessions.flatMap({ EmbeddedGallery.paths(in: "samples/sessions/" + $0) })
        {
            let onDisk = try Data(contentsOf: Self.root.appendingPathComponent(path))
            #expect(EmbeddedGallery.file(path) == Array(onDisk), "\(path)")
            checked += 1
        }
        #expect(checked > templates.count)
        #expect(EmbeddedGallery.sessions.contains("clean_shift") && EmbeddedGallery.sessions.contains("manipulated_shift"))
    }

    @Test func theBundledLibraryLoadsAndSessionsImport() throws {
        let library = try EmbeddedGallery.templates()
        let folder = try TemplateLibrary.load(directory: Self.root.appendingPathComponent("templates").path)
        #expect(library.templates.map(\.screenID).sorted() == folder.templates.map(\.screenID).sorted())
        for (name, bytes) in EmbeddedGallery.session("manipulated_shift") {
            #expect(throws: Never.self, "\(name)") { try CaptureImporter().importCapture(bytes, format: nil) }
        }
        #expect(EmbeddedGallery.file("templates/no-such.yaml") == nil)
        #expect(EmbeddedGallery.session("no-such").isEmpty)
    }
}
