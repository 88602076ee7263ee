import Foundation
import SystemZeroCore
import Yams

/// The configuration folder's YAML files (`settings.yaml`, `api_keys.yaml`), read through the bounded YAML reader.
enum ConfigFile {
    /// The composed document at `path`, or `nil` when the file does not exist or is empty.
    static func compose(_ path: String, maxBytes: Int) throws(SettingsError) -> Node? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try CaptureImporter.readFile(atPath: path, limit: maxBytes)
        } catch {
            throw SettingsError(path, "\(error)")
        }
        return try compose(bytes, path: path, maxBytes: maxBytes)
    }

    /// The composed document in `bytes`, which are (or are about to be) the file at `path`.
    static func compose(_ bytes: [UInt8], path: String, maxBytes: Int) throws(SettingsError) -> Node? {
        do {
            return try SafeYAML.compose(bytes, limits: ImportLimits(maxBytes: maxBytes, maxDepth: 8))
        } catch {
            throw SettingsError(path, "\(error)")
        }
    }
}
