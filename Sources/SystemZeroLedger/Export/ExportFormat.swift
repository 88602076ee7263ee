/// The formats an export is written in.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// One JSON array of the entries: each entry's own object plus `"leaf_hash"` (base64).
    case json
    /// One entry object (with `"leaf_hash"`) per line.
    case ndjson
    /// RFC 4180 CSV with the columns `seq,time,kind,screen,session,severity,rule,message,data`.
    case csv
    /// One self-contained HTML report of the drift events, with pictures of their screens and inclusion proofs.
    case html
}

/// What an export wrote.
public struct ExportSummary: Sendable, Hashable {
    /// The entries written (for HTML: the drift events).
    public var entries: UInt64
    /// The ledger size the export was taken at: later appends are left out, and HTML proofs are against this size.
    public var treeSize: UInt64
    /// The bytes handed to the sink.
    public var bytes: UInt64

    /// A summary of `entries` entries (`bytes` bytes) exported at `treeSize`.
    public init(entries: UInt64, treeSize: UInt64, bytes: UInt64) {
        self.entries = entries
        self.treeSize = treeSize
        self.bytes = bytes
    }
}
