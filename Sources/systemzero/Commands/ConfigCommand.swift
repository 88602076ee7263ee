import ArgumentParser
import SystemZeroServer

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Shows or checks the server settings.", subcommands: [Show.self, Validate.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Prints every setting in force and where it came from; secrets redacted.")
        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            let (loaded, sources): (ServerSettings, [String: String])
            do {
                (loaded, sources) = try settings.loadWithSources()
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
            for definition in SettingDefinition.all {
                let value = definition.display(loaded) ?? ""
                write("\(definition.name)=\(value)    # \(sources[definition.name] ?? "default")\(definition.isLive ? ", live" : "")\n")
            }
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Checks the settings; exit 0 when valid, 2 naming the first bad value.")
        @OptionGroup var settings: SettingsOptions

        func run() async throws {
            _ = try settings.load()
            printError("settings are valid")
        }
    }
}
