import ArgumentParser
import Foundation
import SystemZeroLedger

/// Where the embedded ledger lives.
struct DataOptions: ParsableArguments {
    @Option(help: "The data folder (ledger.sqlite and ledger.key).") var data = "data"
    @Option(help: "The origin line of signed checkpoints (used when the key is made).") var origin = Ledger.defaultOrigin

    func open() throws -> Ledger {
        do {
            return try Ledger(directory: data, origin: origin)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
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
