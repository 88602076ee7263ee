import SystemZeroLedger

/// Signs checkpoints on demand: a request for the checkpoint gets the newest one if the log has not grown since,
/// and otherwise a new one of the whole log. Signing is one Ed25519 signature over a few lines.
public actor Checkpointer {
    let ledger: Ledger
    private var latest: (size: UInt64, note: String)?

    public init(ledger: Ledger) {
        self.ledger = ledger
    }

    /// A checkpoint covering the whole log as it stands.
    public func current() async throws(LedgerError) -> (size: UInt64, note: String) {
        let size = try await ledger.store.size()
        if let latest, latest.size == size { return latest }
        if latest == nil, let stored = try await ledger.store.latestCheckpoint(), stored.size == size {
            latest = stored
            return stored
        }
        let signed = try await ledger.signCheckpoint()
        if size >= latest?.size ?? 0 { latest = signed }
        return signed
    }
}
