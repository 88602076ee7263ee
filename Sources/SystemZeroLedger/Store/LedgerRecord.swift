import Crypto
import Foundation
import SystemZeroCore

/// One entry to append, before the store gives it a sequence number, a time and the log's previous root.
public struct LedgerRecord: Sendable {
    /// What the entry records: `capture`, `drift`, `template`, `key` or `config`.
    public var kind: String
    /// The entry's own fields. `seq`, `time`, `kind` and `prev_root` are the store's and may not appear.
    public var body: [(key: String, value: JSONValue)]
    /// When `true`, the store adds `capture_seq`: the sequence number of the batch's first entry (a drift event's capture).
    public var linksToFirstInBatch: Bool
    /// Indexed columns for queries.
    public var screen: String?
    public var session: String?
    public var severity: String?

    public init(
        kind: String, body: [(key: String, value: JSONValue)], linksToFirstInBatch: Bool = false, screen: String? = nil,
        session: String? = nil,
        severity: String? = nil
    ) {
        self.kind = kind
        self.body = body
        self.linksToFirstInBatch = linksToFirstInBatch
        self.screen = screen
        self.session = session
        self.severity = severity
    }
}

/// Bytes stored once by their SHA-256 (normalized trees: identical screens are common).
public struct LedgerBlob: Sendable, Hashable {
    /// Lower-case hex SHA-256 of `data`.
    public var hash: String
    public var data: [UInt8]

    public init(data: [UInt8]) {
        self.data = data
        hash = Hash32(SHA256.hash(data: data)).hex
    }
}

/// Entries appended together: all of them or none.
public struct LedgerBatch: Sendable {
    public var records: [LedgerRecord]
    public var blobs: [LedgerBlob]

    public init(records: [LedgerRecord], blobs: [LedgerBlob] = []) {
        self.records = records
        self.blobs = blobs
    }
}

/// An entry as stored.
public struct LedgerEntry: Sendable, Hashable {
    /// Its place in the log, from 0; also its Merkle leaf index.
    public var seq: UInt64
    /// The canonical JSON that is hashed.
    public var data: [UInt8]
    /// `SHA256(0x00 ‖ data)`.
    public var leafHash: Hash32

    public init(seq: UInt64, data: [UInt8], leafHash: Hash32) {
        self.seq = seq
        self.data = data
        self.leafHash = leafHash
    }

    /// The parsed entry.
    public var json: JSONValue {
        (try? JSONParser(limits: ImportLimits(maxBytes: 64 << 20, maxDepth: 512, maxStringLength: 64 << 20)).parse(data)) ?? .null
    }
}
