import ArgumentParser
import Foundation
import SystemZeroLedger

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recomputes the ledger from its entries and checks it against its signed checkpoints. Exit 0 clean, 1 tampered, 2 error.")

    @OptionGroup var storage: DataOptions
    @Option(help: "A signed checkpoint note to check the ledger against as well.") var checkpoint: String?
    @Option(help: "The verifier key to check signatures with (default: the ledger's own key).") var key: String?

    func run() async throws {
        let ledger = try storage.openExisting()
        var verifiers = [ledger.signer.verifierKey]
        if let key {
            do {
                verifiers = [try NoteVerifierKey(parsing: key)]
            } catch {
                printError("error: the verifier key is not valid: \(error)")
                throw ExitCode(2)
            }
        }
        var note: String?
        if let checkpoint {
            guard let text = try? String(contentsOfFile: checkpoint, encoding: .utf8) else {
                printError("error: cannot read \(checkpoint)")
                throw ExitCode(2)
            }
            note = text
        }
        let verifier = LedgerVerifier(databasePath: storage.databasePath, verifiers: verifiers, origin: verifiers[0].name)
        let report = try await withLedgerErrors {
            try verifier.verify(extraCheckpoint: note) { count in printError("verified \(count) entries…") }
        }
        if report.isClean {
            write(
                "ok: \(report.entries) entries, \(report.blobsChecked) tree blobs, \(report.subtreesChecked) subtree hashes, "
                    + "\(report.checkpointsChecked) signed checkpoint\(report.checkpointsChecked == 1 ? "" : "s"); root \(report.root.base64)\n"
            )
        } else {
            for problem in report.problems { write("TAMPERED: \(problem)\n") }
            throw ExitCode(1)
        }
    }
}
