import ArgumentParser
import Foundation
import SystemZeroServer

/// Where the server's settings come from: the defaults, `config/settings.yaml`, a `.env` file and the environment,
/// with the command line's options over all of them.
struct SettingsOptions: ParsableArguments {
    @Option(help: "The .env file read (if it exists).") var envFile = ".env"
    @Option(help: "The address to listen on (SYSTEMZERO_HOST).") var host: String?
    @Option(help: "The port to listen on; 0 picks a free one (SYSTEMZERO_PORT).") var port: Int?
    @Option(help: "The data folder (SYSTEMZERO_DATA_DIR).") var data: String?
    @Option(help: "The template folder (SYSTEMZERO_TEMPLATE_PATH).") var templates: String?
    @Option(help: "The config folder with settings.yaml and api_keys.yaml (SYSTEMZERO_CONFIG_DIR).") var config: String?

    /// A function that reads the settings afresh (used again by reloads).
    func loader() -> @Sendable () throws -> ServerSettings {
        let (envFile, host, port, data, templates, config) = (envFile, host, port, data, templates, config)
        return {
            var environment = ProcessInfo.processInfo.environment
            if let config { environment["SYSTEMZERO_CONFIG_DIR"] = config }
            var settings = try SettingsLoader(environment: environment, dotEnvPath: envFile).load().settings
            if let host { settings.host = host }
            if let port {
                guard (0...65_535).contains(port) else { throw SettingsError("--port", "expected a port number from 0 to 65535") }
                settings.port = port
            }
            if let data { settings.dataDirectory = data }
            if let templates { settings.templateDirectory = templates }
            return settings
        }
    }

    /// The settings, or exit code 2 with the message naming the bad variable.
    func load() throws -> ServerSettings {
        do {
            return try loader()()
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}
