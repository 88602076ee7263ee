import SystemZeroCore

/// Which entries to list.
public struct LedgerQuery: Sendable, Hashable {
    public var kind: String?
    public var screen: String?
    public var session: String?
    /// The lowest severity of drift entries to include.
    public var minimumSeverity: DriftEvent.Severity?
    /// Only entries at or after this RFC 3339 time.
    public var since: String?
    /// Only entries with a sequence number at or above this.
    public var fromSeq: UInt64
    public var limit: Int

    public init(
        kind: String? = nil, screen: String? = nil, session: String? = nil, minimumSeverity: DriftEvent.Severity? = nil,
        since: String? = nil,
        fromSeq: UInt64 = 0, limit: Int = 100
    ) {
        self.kind = kind
        self.screen = screen
        self.session = session
        self.minimumSeverity = minimumSeverity
        self.since = since
        self.fromSeq = fromSeq
        self.limit = limit
    }
}

/// Where the ledger lives: the embedded SQLite store, or (for several replicas) PostgreSQL.
///
/// Appends are atomic per batch and acknowledged only when durable. Entries are never changed or removed.
public protocol LedgerStore: Sendable {
    /// Appends a batch; returns the sequence numbers given to its records, in order.
    func append(_ batch: LedgerBatch) async throws(LedgerError) -> [UInt64]
    /// The number of entries.
    func size() async throws(LedgerError) -> UInt64
    /// The entry with this sequence number, or `nil`.
    func entry(_ seq: UInt64) async throws(LedgerError) -> LedgerEntry?
    /// Up to `limit` entries from `seq` on, in order.
    func entries(from seq: UInt64, limit: Int) async throws(LedgerError) -> [LedgerEntry]
    /// The entries a query selects, in order.
    func query(_ query: LedgerQuery) async throws(LedgerError) -> [LedgerEntry]
    /// A stored blob, or `nil`.
    func blob(_ hash: String) async throws(LedgerError) -> [UInt8]?
    /// The Merkle root of the first `treeSize` entries.
    func root(treeSize: UInt64) async throws(LedgerError) -> Hash32
    /// The RFC 9162 inclusion proof of entry `seq` in the tree of size `treeSize`.
    func inclusionProof(seq: UInt64, treeSize: UInt64) async throws(LedgerError) -> [Hash32]
    /// The RFC 9162 consistency proof between two tree sizes.
    func consistencyProof(from size1: UInt64, to size2: UInt64) async throws(LedgerError) -> [Hash32]
    /// Stores a signed checkpoint note for a tree size.
    func saveCheckpoint(size: UInt64, note: String) async throws(LedgerError)
    /// The newest stored checkpoint note and its size.
    func latestCheckpoint() async throws(LedgerError) -> (size: UInt64, note: String)?
    /// Every stored checkpoint, oldest first.
    func checkpoints() async throws(LedgerError) -> [(size: UInt64, note: String)]
    /// Entry counts: by kind, drift entries by severity, and captures at or after `capturesSince` (RFC 3339).
    func statistics(capturesSince: String) async throws(LedgerError) -> LedgerStatistics
}

/// How many entries of each sort a ledger holds.
public struct LedgerStatistics: Sendable, Hashable {
    /// The number of entries.
    public var size: UInt64
    /// Entries by kind (`capture`, `drift`, `template`, `key`, `config`).
    public var byKind: [String: UInt64]
    /// Drift entries by severity.
    public var driftBySeverity: [String: UInt64]
    /// Capture entries at or after the time asked for.
    public var capturesSince: UInt64

    public init(size: UInt64, byKind: [String: UInt64], driftBySeverity: [String: UInt64], capturesSince: UInt64) {
        self.size = size
        self.byKind = byKind
        self.driftBySeverity = driftBySeverity
        self.capturesSince = capturesSince
    }
}
