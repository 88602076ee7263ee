import Foundation
import SystemZeroCore
import Yams

/// The configuration folder's YAML files (`settings.yaml`, `api_keys.yaml`), read through the bounded YAML reader.
enum ConfigFile {
    /// The composed document at `path`, or `nil` when the file does not exist or is empty.
    static func compose(_ path: String, maxBytes: Int) throws(SettingsError) -> Node? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let bytes = try CaptureImporter.readFile(atPath: path, limit: maxBytes)
            return try SafeYAML.compose(bytes, limits: ImportLimits(maxBytes: maxBytes, maxDepth: 8))
        } catch {
            throw SettingsError(path, "\(error)")
        }
    }
}
