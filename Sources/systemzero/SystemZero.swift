import ArgumentParser
import SystemZeroCore

/// The `systemzero` command.
@main
struct SystemZero: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "systemzero",
        abstract: "Watches the accessibility trees of user interfaces and keeps verifiable evidence of how they drift.",
        version: SystemZeroVersion.string,
        subcommands: [
            ImportCommand.self, NormalizeCommand.self, DiffCommand.self, CheckCommand.self, BaselineCommand.self,
            LogCommand.self, VerifyCommand.self, LedgerCommand.self, DemoCommand.self,
            BenchCommand.self,
            ExportCommand.self,
            CaptureCommand.self, RecordCommand.self, WatchCommand.self,
            ServeCommand.self, KeysCommand.self, ConfigCommand.self, DocsCommand.self,
        ]
    )
}
