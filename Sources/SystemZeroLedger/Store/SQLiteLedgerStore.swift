import Foundation
import GRDB
import SystemZeroCore

/// The embedded ledger: one SQLite file in WAL mode through GRDB, written by one writer with group commit.
///
/// Concurrent ``append(_:)`` calls queue up; the writer takes every queued batch into one transaction, commits it
/// with `synchronous=FULL`, and only then resumes the callers. Each entry is canonical JSON with the store's `seq`,
/// `time`, `kind` and `prev_root` (the log's root before it); its leaf hash and every complete subtree hash it
/// finishes are stored with it, so a root or a proof at size n costs O(log n) reads.
///
/// Tables: `entries(seq, time, kind, screen, session, severity, data, leaf_hash)`, `blobs(hash, data)`,
/// `subtrees(level, idx, hash)` for levels ≥ 1, `checkpoints(size, note)`.
public actor SQLiteLedgerStore: LedgerStore {
    let pool: DatabasePool
    /// The path of the database file.
    public nonisolated let path: String
    var frontier: MerkleFrontier
    var pending: [(batch: LedgerBatch, continuation: CheckedContinuation<[UInt64], Error>)] = []
    /// Every complete subtree hash of level ≥ ``proofCacheLevel``, filled by the first root or proof that needs it and
    /// kept up to date by appends; `nil` until then. Hashes never change once written.
    var proofCache: ProofHashCache?
    /// The lowest level ``proofCache`` holds: about n / 4 hashes in all (8 MB a million entries), so a proof reads at
    /// most two ranges of 8 leaf hashes. Level 4 (half the memory, ranges of 16) measured twice as slow per proof.
    static let proofCacheLevel: UInt8 = 3
    /// Names of blobs this store has stored (bounded), whose bytes need not be sent to the database again.
    var storedBlobs = Set<String>()
    var writing = false
    /// The open lock file while this store is the ledger's writer, else -1.
    var writerLock: Int32 = -1

    /// Opens (or creates) the ledger at `path`, creating its folder with mode 0700.
    public init(path: String) throws(LedgerError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            configuration.busyMode = .timeout(10)
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS entries (
                            seq INTEGER PRIMARY KEY, time TEXT NOT NULL, kind TEXT NOT NULL, screen TEXT, session TEXT, severity TEXT,
                            data BLOB NOT NULL, leaf_hash BLOB NOT NULL);
                        CREATE INDEX IF NOT EXISTS entries_kind ON entries(kind, seq);
                        CREATE INDEX IF NOT EXISTS entries_screen ON entries(screen, seq);
                        CREATE INDEX IF NOT EXISTS entries_session ON entries(session, seq);
                        CREATE INDEX IF NOT EXISTS entries_time ON entries(time);
                        CREATE TABLE IF NOT EXISTS blobs (hash TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
                        CREATE TABLE IF NOT EXISTS subtrees (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,
                            PRIMARY KEY (level, idx)) WITHOUT ROWID;
                        CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
                        """)
            }
            let size = try pool.read { db in try UInt64(Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq) + 1, 0) FROM entries") ?? 0) }
            frontier = try Self.loadFrontier(pool: pool, size: size)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.storage, "cannot open the ledger at \(path): \(Self.describe(error))")
        }
    }

    static func loadFrontier(pool: DatabasePool, size: UInt64) throws -> MerkleFrontier {
        let ids = MerkleFrontier.subtreeIDs(forSize: size)
        let hashes = try pool.read { db in try ids.map { try Self.subtreeHash($0, db: db) } }
        do {
            return try MerkleFrontier(size: size, hashes: hashes)
        } catch {
            throw LedgerError(.corrupt, "the stored subtree hashes do not form a tree of size \(size)")
        }
    }

    static func subtreeHash(_ id: SubtreeID, db: Database) throws -> Hash32 {
        let data: Data?
        if id.level == 0 {
            let statement = try db.cachedStatement(sql: "SELECT leaf_hash FROM entries WHERE seq = ?")
            data = try Data.fetchOne(statement, arguments: [Int64(id.index)])
        } else {
            let statement = try db.cachedStatement(sql: "SELECT hash FROM subtrees WHERE level = ? AND idx = ?")
            data = try Data.fetchOne(statement, arguments: [Int(id.level), Int64(id.index)])
        }
        guard let data, let hash = Hash32(bytes: Array(data)) else {
            throw LedgerError(.corrupt, "the hash of subtree \(id) is missing")
        }
        return hash
    }

    /// `.full` for a write that failed for want of space (SQLite's `SQLITE_FULL`: no space left, or a write cut short
    /// by the file-size limit), else `.storage`.
    static func kind(of error: Error) -> LedgerError.Kind {
        (error as? DatabaseError)?.resultCode == .SQLITE_FULL ? .full : .storage
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL: return "the disk is full"
            case .SQLITE_READONLY: return "the ledger is read-only"
            case .SQLITE_CANTOPEN: return "the database file cannot be opened (check the folder and its permissions)"
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: return "the database file is damaged or not a ledger"
            default: return error.message ?? "\(error.resultCode)"
            }
        }
        return "\(error)"
    }

    // MARK: - Appending

    public func append(_ batch: LedgerBatch) async throws(LedgerError) -> [UInt64] {
        guard !batch.records.isEmpty else { return [] }
        try lockForWriting()
        do {
            return try await withCheckedThrowingContinuation { continuation in
                pending.append((batch, continuation))
                if !writing {
                    writing = true
                    Task { await self.drain() }
                }
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.storage, Self.describe(error))
        }
    }

    deinit {
        if writerLock >= 0 { close(writerLock) }
    }

    /// Makes this store the ledger's only writer, through an exclusive lock on `<path>.lock` held until the process
    /// ends. Another process (a running server, say) holding it makes this fail rather than fork the tree. Readers
    /// (verify, export) need no lock. Appends take the lock themselves; a server takes it at start-up.
    public func lockForWriting() throws(LedgerError) {
        guard writerLock < 0 else { return }
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LedgerError(.storage, "cannot open \(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw LedgerError(.storage, "the ledger at \(path) is being written by another process (is a server running on it?)")
        }
        writerLock = fd
        // Another writer may have appended since this store was opened.
        do {
            let size = try pool.read { db in try UInt64(Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq) + 1, 0) FROM entries") ?? 0) }
            if size != frontier.size {
                frontier = try Self.loadFrontier(pool: pool, size: size)
                proofCache = nil
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.storage, "cannot read the ledger: \(Self.describe(error))")
        }
    }

    /// Writes every queued batch in one transaction, until the queue is empty.
    func drain() async {
        while !pending.isEmpty {
            let work = pending
            pending = []
            let start = frontier
            let known = storedBlobs
            do {
                let (seqs, end, completed) = try await pool.write { db in
                    try Self.write(work.map(\.batch), from: start, storedBlobs: known, db: db)
                }
                frontier = end
                if storedBlobs.count > 4_096 { storedBlobs.removeAll() }
                for item in work { storedBlobs.formUnion(item.batch.blobs.lazy.map(\.hash)) }
                if var cache = proofCache {
                    // Taken out first so that its arrays grow in place; dropped when it missed subtrees.
                    proofCache = nil
                    if completed.allSatisfy({ cache.record($0) }) { proofCache = cache }
                }
                for (index, item) in work.enumerated() { item.continuation.resume(returning: seqs[index]) }
            } catch {
                let failure = LedgerError(Self.kind(of: error), "the append was not recorded: \(Self.describe(error))")
                for item in work { item.continuation.resume(throwing: failure) }
            }
        }
        writing = false
    }

    /// Writes `batches` after the log `start`, skipping blobs named in `storedBlobs` (already committed); returns each
    /// batch's sequence numbers, the new frontier, and the completed subtrees of level ≥ ``proofCacheLevel``.
    static func write(_ batches: [LedgerBatch], from start: MerkleFrontier, storedBlobs: Set<String>, db: Database) throws -> (
        [[UInt64]], MerkleFrontier, [SubtreeHash]
    ) {
        var frontier = start
        var seqsPerBatch: [[UInt64]] = []
        var cacheable: [SubtreeHash] = []
        let time = LedgerClock.now()
        // Entries and subtrees are bound directly, without GRDB's argument arrays and `Data` copies.
        let insertEntry = RawStatement(
            try db.cachedStatement(
                sql: "INSERT INTO entries (seq, time, kind, screen, session, severity, data, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))
        let insertSubtree = RawStatement(try db.cachedStatement(sql: "INSERT OR REPLACE INTO subtrees (level, idx, hash) VALUES (?, ?, ?)"))
        let insertBlob = try db.cachedStatement(sql: "INSERT OR IGNORE INTO blobs (hash, data) VALUES (?, ?)")
        for batch in batches {
            for blob in batch.blobs where !storedBlobs.contains(blob.hash) {
                try insertBlob.execute(arguments: [blob.hash, Data(blob.data)])
            }
            var seqs: [UInt64] = []
            let first = frontier.size
            for record in batch.records {
                let seq = frontier.size
                var members: [(key: String, value: JSONValue)] = [
                    ("seq", .number(Double(seq))), ("time", .string(time)), ("kind", .string(record.kind)),
                    ("prev_root", .string(frontier.root.base64)),
                ]
                if record.linksToFirstInBatch { members.append(("capture_seq", .number(Double(first)))) }
                members.append(contentsOf: record.body)
                let data = JSONWriter(style: .canonical).bytes(.object(members))
                let leaf = MerkleHash.leaf(data)
                insertEntry.bind(Int64(seq), at: 1)
                insertEntry.bind(time, at: 2)
                insertEntry.bind(record.kind, at: 3)
                insertEntry.bind(record.screen, at: 4)
                insertEntry.bind(record.session, at: 5)
                insertEntry.bind(record.severity, at: 6)
                data.withUnsafeBytes { insertEntry.bind($0, at: 7) }
                leaf.withUnsafeBytes { insertEntry.bind($0, at: 8) }
                try insertEntry.execute(in: db)
                try frontier.append(leaf) { subtree in
                    insertSubtree.bind(Int64(subtree.id.level), at: 1)
                    insertSubtree.bind(Int64(subtree.id.index), at: 2)
                    subtree.hash.withUnsafeBytes { insertSubtree.bind($0, at: 3) }
                    try insertSubtree.execute(in: db)
                    if subtree.id.level >= proofCacheLevel { cacheable.append(subtree) }
                }
                seqs.append(seq)
            }
            seqsPerBatch.append(seqs)
        }
        return (seqsPerBatch, frontier, cacheable)
    }

    // MARK: - Reading

    public func size() async throws(LedgerError) -> UInt64 { frontier.size }

    /// The root of the whole log.
    public func currentRoot() -> Hash32 { frontier.root }

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try pool.read(body)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.storage, "cannot read the ledger: \(Self.describe(error))")
        }
    }

    static func entry(from row: Row) -> LedgerEntry? {
        let data: Data = row["data"]
        let leaf: Data = row["leaf_hash"]
        let seq: Int64 = row["seq"]
        guard let hash = Hash32(bytes: Array(leaf)) else { return nil }
        return LedgerEntry(seq: UInt64(seq), data: Array(data), leafHash: hash)
    }

    public func entry(_ seq: UInt64) async throws(LedgerError) -> LedgerEntry? {
        // SQLite keys are signed 64-bit: a larger number names no entry.
        guard let key = Int64(exactly: seq) else { return nil }
        return try read { db in
            try Row.fetchOne(db, sql: "SELECT seq, data, leaf_hash FROM entries WHERE seq = ?", arguments: [key]).flatMap(Self.entry)
        }
    }

    public func entries(from seq: UInt64, limit: Int) async throws(LedgerError) -> [LedgerEntry] {
        guard let seq = Int64(exactly: seq), limit > 0 else { return [] }
        return try read { db in
            try Row.fetchAll(
                db, sql: "SELECT seq, data, leaf_hash FROM entries WHERE seq >= ? ORDER BY seq LIMIT ?", arguments: [seq, limit]
            )
            .compactMap(Self.entry)
        }
    }

    public func query(_ query: LedgerQuery) async throws(LedgerError) -> [LedgerEntry] {
        guard let fromSeq = Int64(exactly: query.fromSeq), query.limit > 0 else { return [] }
        var conditions = ["seq >= ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [fromSeq]
        if let kind = query.kind {
            conditions.append("kind = ?")
            arguments.append(kind)
        }
        if let screen = query.screen {
            conditions.append("screen = ?")
            arguments.append(screen)
        }
        if let session = query.session {
            conditions.append("session = ?")
            arguments.append(session)
        }
        if let since = query.since {
            conditions.append("time >= ?")
            arguments.append(since)
        }
        if let minimum = query.minimumSeverity {
            let allowed = DriftEvent.Severity.allCases.filter { $0 >= minimum }.map(\.rawValue)
            conditions.append("severity IN (\(allowed.map { _ in "?" }.joined(separator: ", ")))")
            arguments.append(contentsOf: allowed.map { $0 as (any DatabaseValueConvertible)? })
        }
        arguments.append(query.limit)
        let sql = "SELECT seq, data, leaf_hash FROM entries WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq LIMIT ?"
        let statementArguments = StatementArguments(arguments)
        return try read { db in try Row.fetchAll(db, sql: sql, arguments: statementArguments).compactMap(Self.entry) }
    }

    public func statistics(capturesSince: String) async throws(LedgerError) -> LedgerStatistics {
        let size = frontier.size
        return try read { db in
            var byKind: [String: UInt64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) FROM entries WHERE seq < ? GROUP BY kind", arguments: [Int64(size)])
            {
                byKind[row[0]] = UInt64(row[1] as Int64)
            }
            var bySeverity: [String: UInt64] = [:]
            let severitySQL = "SELECT severity, COUNT(*) FROM entries WHERE kind = 'drift' AND seq < ? GROUP BY severity"
            for row in try Row.fetchAll(db, sql: severitySQL, arguments: [Int64(size)]) {
                if let severity: String = row[0] { bySeverity[severity] = UInt64(row[1] as Int64) }
            }
            let capturesSQL = "SELECT COUNT(*) FROM entries WHERE time >= ? AND kind = 'capture' AND seq < ?"
            let captures = try Int64.fetchOne(db, sql: capturesSQL, arguments: [capturesSince, Int64(size)]) ?? 0
            return LedgerStatistics(size: size, byKind: byKind, driftBySeverity: bySeverity, capturesSince: UInt64(captures))
        }
    }

    public func blob(_ hash: String) async throws(LedgerError) -> [UInt8]? {
        try read { db in try Data.fetchOne(db, sql: "SELECT data FROM blobs WHERE hash = ?", arguments: [hash]).map { Array($0) } }
    }

    // MARK: - Checkpoints

    struct CheckpointRow: Sendable {
        var size: UInt64
        var note: String
    }

    public func saveCheckpoint(size: UInt64, note: String) async throws(LedgerError) {
        do {
            try await pool.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO checkpoints (size, note) VALUES (?, ?)", arguments: [Int64(size), note])
            }
        } catch {
            throw LedgerError(Self.kind(of: error), "the checkpoint was not saved: \(Self.describe(error))")
        }
    }

    public func latestCheckpoint() async throws(LedgerError) -> (size: UInt64, note: String)? {
        try await checkpoints().last
    }

    public func checkpoints() async throws(LedgerError) -> [(size: UInt64, note: String)] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT size, note FROM checkpoints ORDER BY size").map {
                CheckpointRow(size: UInt64($0["size"] as Int64), note: $0["note"])
            }
        }
        return rows.map { ($0.size, $0.note) }
    }
}
