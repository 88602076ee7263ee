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
        let options = self
        return { try options.loadWithSources().settings }
    }

    /// The settings and where each came from; the command line's options are labelled `command line`.
    func loadWithSources() throws -> (settings: ServerSettings, sources: [String: String]) {
        var environment = ProcessInfo.processInfo.environment
        if let config { environment["SYSTEMZERO_CONFIG_DIR"] = config }
        var (settings, sources) = try SettingsLoader(environment: environment, dotEnvPath: envFile).load()
        if config != nil { sources["SYSTEMZERO_CONFIG_DIR"] = "command line" }
        if let host {
            settings.host = host
            sources["SYSTEMZERO_HOST"] = "command line"
        }
        if let port {
            guard (0...65_535).contains(port) else { throw SettingsError("--port", "expected a port number from 0 to 65535") }
            settings.port = port
            sources["SYSTEMZERO_PORT"] = "command line"
        }
        if let data {
            settings.dataDirectory = data
            sources["SYSTEMZERO_DATA_DIR"] = "command line"
        }
        if let templates {
            settings.templateDirectory = templates
            sources["SYSTEMZERO_TEMPLATE_PATH"] = "command line"
        }
        return (settings, sources)
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
