import Foundation

/// Older versions of templates, kept beside the library in `.history/<screen_id>.v<N>.yaml` so that a rebuilt
/// template's earlier baselines stay readable. The library loader does not read this folder.
public struct TemplateHistory: Sendable {
    /// The `.history` folder next to the template file.
    public let directory: String

    public init(templateFile: String) {
        directory = ((templateFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent(".history")
    }

    /// Copies the current file to the history before it is replaced.
    public func archive(existing file: String, version: Int) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let screen = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let target = (directory as NSString).appendingPathComponent("\(screen).v\(version).yaml")
        if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
        try FileManager.default.copyItem(atPath: file, toPath: target)
    }

    /// The archived files of a screen, oldest first.
    public func archivedFiles(screenID: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix(screenID + ".v"), name.hasSuffix(".yaml"),
                let version = Int(name.dropFirst(screenID.count + 2).dropLast(5))
            else { return nil }
            return (version, (directory as NSString).appendingPathComponent(name))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

extension Template {
    /// Keeps what a person wrote into the previous version — forbidden nodes, prominence, transitions, the interstitial flag
    /// and the layout tolerance — and takes the next version number. Used when a template is rebuilt from new captures.
    public mutating func keepPolicy(of previous: Template) {
        version = previous.version + 1
        forbidden = previous.forbidden
        if !previous.prominence.isEmpty { prominence = previous.prominence }
        validTransitions = previous.validTransitions
        interstitial = previous.interstitial
        layoutTolerance = previous.layoutTolerance
        if app == nil { app = previous.app }
    }
}
