import Foundation
import PackagePlugin

/// Embeds the bundled gallery (`templates/*.yaml`) and the demo's sample sessions (`samples/sessions/*/*.json`) in the
/// code of the target that uses it, so an installed binary needs neither folder. The files stay where they are; the
/// generated source is rebuilt whenever one of them changes.
@main struct EmbedGallery: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let inputs =
            Self.files(in: root.appending(path: "templates"), suffix: ".yaml", depth: 1)
            + Self.files(in: root.appending(path: "samples/sessions"), suffix: ".json", depth: 2)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedGalleryFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the gallery and the sample sessions", executable: try context.tool(named: "GalleryEmbedder").url,
                arguments: [root.path(percentEncoded: false), output.path(percentEncoded: false)]
                    + inputs.map { $0.path(percentEncoded: false) },
                inputFiles: inputs, outputFiles: [output])
        ]
    }

    /// The files under `folder` (at most `depth` levels down) whose names end in `suffix`, in name order.
    static func files(in folder: URL, suffix: String, depth: Int) -> [URL] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path(percentEncoded: false)) else { return [] }
        var found: [URL] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = folder.appending(path: name)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: url.path(percentEncoded: false), isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                if depth > 1 { found += files(in: url, suffix: suffix, depth: depth - 1) }
            } else if name.hasSuffix(suffix) {
                found.append(url)
            }
        }
        return found
    }
}
