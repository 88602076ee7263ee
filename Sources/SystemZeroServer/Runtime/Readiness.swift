import Foundation
import SystemZeroLedger

/// The checks behind `/ready`: the ledger's folder is writable and its newest checkpoint verifies against the stored
/// tree, the template folder is readable, the log folder writable, the key file loads, and the server is not
/// draining. The checkpoint check is remembered per checkpoint, so a probe costs a few system calls.
public actor Readiness {
    /// One failed check.
    public struct Failure: Sendable, Hashable {
        public var check: String
        public var detail: String
    }

    let state: ServerState
    private var verifiedCheckpointSize: UInt64?

    public init(state: ServerState) {
        self.state = state
    }

    /// The failed checks; empty when ready.
    public func failures() async -> [Failure] {
        var failures: [Failure] = []
        if state.draining.value { failures.append(Failure(check: "draining", detail: "the server is shutting down")) }
        let settings = state.settings.value
        if access(settings.dataDirectory, W_OK | X_OK) != 0 {
            failures.append(Failure(check: "ledger", detail: "the data folder \(settings.dataDirectory) is not writable"))
        } else if state.writeHealth.stillFull() {
            failures.append(Failure(check: "ledger", detail: "the disk is full: captures are refused with 507 until space is freed"))
        } else if let problem = await checkHead() {
            failures.append(Failure(check: "ledger", detail: problem))
        }
        if access(settings.templateDirectory, R_OK | X_OK) != 0 {
            failures.append(Failure(check: "templates", detail: "the template folder \(settings.templateDirectory) is not readable"))
        }
        if access(settings.logDirectory, W_OK | X_OK) != 0 {
            failures.append(Failure(check: "logs", detail: "the log folder \(settings.logDirectory) is not writable"))
        }
        do {
            _ = try APIKeyFile.read(path: state.keys.path)
        } catch {
            failures.append(Failure(check: "keys", detail: "the key file cannot be loaded: \(error.message)"))
        }
        return failures
    }

    /// Checks that the newest stored checkpoint is signed by this ledger's key and matches the stored tree.
    func checkHead() async -> String? {
        let store = state.ledger.store
        do {
            guard let latest = try await store.latestCheckpoint() else { return nil }
            if latest.size == verifiedCheckpointSize { return nil }
            let verified = try Checkpoint.open(Array(latest.note.utf8), verifiers: [state.ledger.signer.verifierKey])
            let root = try await store.root(treeSize: verified.checkpoint.size)
            guard root == verified.checkpoint.rootHash else {
                return "the checkpoint at size \(latest.size) does not match the stored tree: run systemzero verify"
            }
            verifiedCheckpointSize = latest.size
            return nil
        } catch {
            return "the ledger head cannot be verified: \(error)"
        }
    }
}
