import ArgumentParser
import Foundation
import Logging
import SystemZeroCore
import SystemZeroServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Runs the REST API over the ledger and the template library until SIGTERM or SIGINT; SIGHUP reloads the settings.")

    @OptionGroup var settings: SettingsOptions
    @Option(help: "Seconds /ready answers 503 before the listener closes on shutdown.") var drainNotice = 2.0

    func validate() throws {
        guard drainNotice.isFinite, (0...3_600).contains(drainNotice) else {
            throw ValidationError("--drain-notice must be a number of seconds from 0 to 3600.")
        }
    }

    func run() async throws {
        let loaded = try settings.load()
        // New files (the ledger database, logs) are for this user only; folders are made 0700.
        umask(0o077)
        // A file-size limit (ulimit -f) makes writes past it fail with EFBIG, which the ledger reports as a full disk,
        // instead of killing the process.
        signal(SIGXFSZ, SIG_IGN)
        try? FileManager.default.createDirectory(
            atPath: loaded.logDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fileHandler = ApplicationLogHandler.factory(directory: loaded.logDirectory)
        LoggingSystem.bootstrap { label in MultiplexLogHandler([StreamLogHandler.standardError(label: label), fileHandler(label)]) }
        var logger = Logger(label: "systemzero")
        logger.logLevel = Logger.Level(rawValue: loaded.logLevel) ?? .info
        let server: APIServer
        do {
            server = try await APIServer(
                settings: loaded, loadSettings: settings.loader(), drainNotice: .milliseconds(Int(drainNotice * 1000)), logger: logger)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let scheme = loaded.usesTLS ? "https" : "http"
        do {
            try await server.run { port in
                printError("systemzero \(SystemZeroVersion.string) listening on \(scheme)://\(loaded.host):\(port)")
            }
        } catch let error as ServerRunError {
            printError("error: \(error)")
            switch error {
            case .cannotListen: throw ExitCode(2)
            case .drainRanOut: throw ExitCode(1)
            }
        }
    }
}
