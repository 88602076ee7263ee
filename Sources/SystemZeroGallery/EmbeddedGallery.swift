import Foundation
import SystemZeroCore

/// The bundled template gallery and the demo's sample sessions, compiled into the binary (the EmbedGallery build
/// plugin embeds `templates/*.yaml` and `samples/sessions/*/*.json`), so `systemzero demo` and `check` work from any
/// folder and from an installed binary with nothing beside it.
public enum EmbeddedGallery {
    /// The embedded file at `path` (as in the repository: `templates/checkout.yaml`), or `nil`.
    public static func file(_ path: String) -> [UInt8]? {
        files.first { $0.path == path }.flatMap { Data(base64Encoded: $0.base64) }.map { Array($0) }
    }

    /// The paths of the embedded files under `folder` (`templates`, `samples/sessions/clean_shift`), in name order.
    public static func paths(in folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return files.map(\.path).filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }.sorted()
    }

    /// The bundled template library.
    public static func templates(loader: TemplateLoader = TemplateLoader()) throws(TemplateError) -> TemplateLibrary {
        var templates: [Template] = []
        for path in paths(in: "templates") {
            guard let bytes = file(path) else { continue }
            templates.append(try loader.load(bytes, file: "(bundled) " + path))
        }
        return TemplateLibrary(templates: templates)
    }

    /// The names of the bundled sample sessions (`clean_shift`, `manipulated_shift`, …).
    public static var sessions: [String] {
        Set(files.map(\.path).filter { $0.hasPrefix("samples/sessions/") }.compactMap { $0.split(separator: "/").dropFirst(2).first })
            .map(String.init).sorted()
    }

    /// The captures of a bundled session, in name order: each file's name and bytes.
    public static func session(_ name: String) -> [(name: String, bytes: [UInt8])] {
        paths(in: "samples/sessions/" + name).compactMap { path in
            file(path).map { (String(path.split(separator: "/").last ?? ""), $0) }
        }
    }
}
