import Foundation
import SystemZeroCore

/// The embedded ledger in a data folder: `ledger.sqlite` and the checkpoint key `ledger.key`.
///
/// ```swift
/// let ledger = try Ledger(directory: "data")
/// let seqs = try await ledger.record(result, capture: capture)
/// let note = try await ledger.checkpoint()
/// ```
public struct Ledger: Sendable {
    /// The default origin line of checkpoints.
    public static let defaultOrigin = "systemzero.local/ledger"

    public let store: any LedgerStore
    public let signer: NoteSignerKey
    public let directory: String

    /// Opens the ledger in `directory`, creating the folder (0700), the database and the key (0600) as needed.
    public init(directory: String, origin: String = Ledger.defaultOrigin) throws(LedgerError) {
        self.directory = directory
        store = try SQLiteLedgerStore(path: (directory as NSString).appendingPathComponent("ledger.sqlite"))
        signer = try LedgerSigningKey.loadOrCreate(path: (directory as NSString).appendingPathComponent("ledger.key"), origin: origin)
    }

    /// A ledger over any store, signing with `signer`.
    public init(store: any LedgerStore, signer: NoteSignerKey, directory: String = "") {
        self.store = store
        self.signer = signer
        self.directory = directory
    }

    /// The verifier key string (`<origin>+<id>+<key>`) that outside verifiers use.
    public var verifierKey: String { signer.verifierKey.vkey }

    /// The log's origin line.
    public var origin: String { signer.name }

    /// Signs a checkpoint of the whole log as it stands, stores it, and returns the signed note.
    public func checkpoint() async throws(LedgerError) -> String {
        try await signCheckpoint().note
    }

    /// Signs and stores a checkpoint of the whole log as it stands; returns its tree size and the signed note.
    public func signCheckpoint() async throws(LedgerError) -> (size: UInt64, note: String) {
        let size = try await store.size()
        let root = try await store.root(treeSize: size)
        let note: String
        do {
            let checkpoint = try Checkpoint(origin: origin, size: size, rootHash: root)
            note = try checkpoint.signed(by: [signer]).serialized
        } catch {
            throw LedgerError(.key, "cannot sign the checkpoint: \(error)")
        }
        try await store.saveCheckpoint(size: size, note: note)
        return (size, note)
    }

    /// Appends a checked capture and its drift events as one batch; returns their sequence numbers (the capture's first).
    public func record(_ result: DriftPipeline.Result) async throws(LedgerError) -> [UInt64] {
        try await store.append(LedgerRecorder.batch(for: result))
    }

    /// Appends a template version.
    public func record(template: Template, yaml: String, action: String) async throws(LedgerError) -> UInt64 {
        try await store.append(LedgerRecorder.batch(template: template, yaml: yaml, action: action))[0]
    }
}
