import Foundation
import SystemZeroCore
import Yams

/// Reads ``ServerSettings`` from, in rising precedence: the defaults, `config/settings.yaml`, a `.env` file and the
/// process environment. Every value is checked; the first bad one stops the load with an error naming the variable
/// (or the file and key) and the form it expects.
public struct SettingsLoader: Sendable {
    /// The process environment (or a test's).
    public var environment: [String: String]
    /// The `.env` file read, if it exists.
    public var dotEnvPath: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, dotEnvPath: String = ".env") {
        self.environment = environment
        self.dotEnvPath = dotEnvPath
    }

    /// The settings in force, and where each value came from (`default`, the settings file, `.env` or `environment`).
    public func load() throws(SettingsError) -> (settings: ServerSettings, sources: [String: String]) {
        let dotEnv = try DotEnvFile.read(path: dotEnvPath)
        var sources: [String: String] = [:]
        var settings = ServerSettings()
        // The settings file lives in the config folder, which only .env or the environment can move.
        let configDefinition = SettingDefinition.all.first { $0.key == "config_dir" }
        for layer in [("dotenv", dotEnv), ("environment", environment)] {
            if let definition = configDefinition, let value = Self.lookup(definition, in: layer.1) {
                try Self.apply(definition, value: value, to: &settings, from: layer.0 == "dotenv" ? dotEnvPath : "the environment")
            }
        }
        let file = (settings.configDirectory as NSString).appendingPathComponent("settings.yaml")
        let fileValues = try Self.readSettingsFile(file)
        for definition in SettingDefinition.all {
            if let value = fileValues[definition.key] {
                try Self.apply(definition, value: value, to: &settings, from: "\(file), key \(definition.key)")
                sources[definition.name] = file
            }
            if let value = Self.lookup(definition, in: dotEnv) {
                try Self.apply(definition, value: value, to: &settings, from: dotEnvPath)
                sources[definition.name] = dotEnvPath
            }
            if let value = Self.lookup(definition, in: environment) {
                try Self.apply(definition, value: value, to: &settings, from: "the environment")
                sources[definition.name] = "environment"
            }
        }
        if (settings.tlsCertificatePath == nil) != (settings.tlsKeyPath == nil) {
            throw SettingsError("SYSTEMZERO_TLS_CERT", "SYSTEMZERO_TLS_CERT and SYSTEMZERO_TLS_KEY must be set together")
        }
        return (settings, sources)
    }

    static func lookup(_ definition: SettingDefinition, in values: [String: String]) -> String? {
        if let value = values[definition.name] { return value }
        return definition.aliases.lazy.compactMap { values[$0] }.first
    }

    static func apply(_ definition: SettingDefinition, value: String, to settings: inout ServerSettings, from origin: String)
        throws(SettingsError)
    {
        guard definition.parse(&settings, value) else {
            let shown = definition.isSecret ? "the value" : "\"\(value)\""
            throw SettingsError(definition.name, "\(shown) from \(origin) is not valid: expected \(definition.form)")
        }
    }

    /// The flat `key: value` mapping of a settings file; lists may be YAML sequences. A missing file is empty.
    static func readSettingsFile(_ path: String) throws(SettingsError) -> [String: String] {
        guard let node = try ConfigFile.compose(path, maxBytes: 1 << 20) else { return [:] }
        guard let mapping = node.mapping else { throw SettingsError(path, "expected a mapping of setting keys to values") }
        // The file cannot move the folder it is in.
        let known = Set(SettingDefinition.all.map(\.key)).subtracting(["config_dir"])
        var values: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, known.contains(name) else {
                let line = key.mark.map { " (line \($0.line))" } ?? ""
                throw SettingsError(
                    path, "unknown key \"\(key.string ?? "?")\"\(line); known keys: \(known.sorted().joined(separator: ", "))")
            }
            if let scalar = value.scalar {
                values[name] = scalar.string
            } else if let sequence = value.sequence {
                values[name] = sequence.compactMap(\.string).joined(separator: ",")
            } else {
                throw SettingsError(path, "key \(name) must be a value or a list")
            }
        }
        return values
    }
}
