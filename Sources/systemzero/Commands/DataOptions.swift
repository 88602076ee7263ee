import ArgumentParser
import Foundation
import SystemZeroLedger

/// Where the embedded ledger lives.
struct DataOptions: ParsableArguments {
    @Option(help: "The data folder (ledger.sqlite and ledger.key); SYSTEMZERO_DATA_DIR when set.")
    var data = ProcessInfo.processInfo.environment["SYSTEMZERO_DATA_DIR"] ?? "data"
    @Option(help: "The origin line of signed checkpoints (used when the key is made).") var origin = Ledger.defaultOrigin

    func open() throws -> Ledger {
        do {
            return try Ledger(directory: data, origin: origin)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// Opens a ledger that must exist already (for commands that only read it, or sign what is there): a wrong
    /// folder is an error, not a new empty ledger.
    func openExisting() throws -> Ledger {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            printError("error: there is no ledger in \(data) (no ledger.sqlite); --data names the folder a ledger was recorded in")
            throw ExitCode(2)
        }
        return try open()
    }

    var databasePath: String { (data as NSString).appendingPathComponent("ledger.sqlite") }
}

/// Runs `body`; a ledger error is printed to standard error and ends the command with exit code 2.
func withLedgerErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as LedgerError {
        printError("error: \(error)")
        throw ExitCode(2)
    }
}
