import Foundation

/// The shared fixtures beside the clone (`../shared/fixtures`), which a user's own clone does not have.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")

    /// `true` when `../shared/fixtures` exists; tests that need it are skipped otherwise.
    static let available = FileManager.default.fileExists(atPath: root.path)

    /// The message a skipped test shows.
    static let skipMessage = "../shared/fixtures is absent (a user's clone has none): fixture tests skipped"

    /// The files of a fixture folder, sorted.
    static func files(_ folder: String) -> [URL] {
        let directory = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { directory.appendingPathComponent($0) }
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// A file of the project's own samples.
    static func sample(_ path: String) -> URL {
        packageRoot.appendingPathComponent("samples").appendingPathComponent(path)
    }
}
