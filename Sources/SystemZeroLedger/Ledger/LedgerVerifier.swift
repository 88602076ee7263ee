import Crypto
import Foundation
import GRDB
import SystemZeroCore

/// Recomputes an embedded ledger from its rows and reports the first thing that is wrong.
///
/// Nothing stored is trusted. For every entry, in order: its row number must equal the `seq` inside it (deleted,
/// inserted and reordered rows show here); its stored leaf hash must equal `SHA256(0x00 ‖ bytes)`; its `prev_root`
/// must equal the root recomputed over the entries before it (so an entry changed together with its stored hashes
/// shows at the next entry); the tree blob a capture names must exist and hash to its name. Then every stored
/// complete-subtree hash is checked against its two children, level by level, and every stored checkpoint against
/// its signature and the recomputed root at its size; a checkpoint larger than the log means truncation.
public struct LedgerVerifier: Sendable {
    /// One thing that is wrong.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The first entry concerned, when one can be named.
        public var seq: UInt64?
        public var message: String

        public var description: String { seq.map { "entry \($0): \(message)" } ?? message }
    }

    /// The outcome.
    public struct Report: Sendable {
        public var entries: UInt64 = 0
        public var root: Hash32 = MerkleHash.emptyRoot
        public var checkpointsChecked = 0
        public var blobsChecked = 0
        public var subtreesChecked = 0
        public var problems: [Problem] = []

        public var isClean: Bool { problems.isEmpty }
    }

    public let databasePath: String
    /// The verifier keys checkpoints must be signed with.
    public let verifiers: [NoteVerifierKey]
    /// The origin line checkpoints must carry.
    public let origin: String

    public init(databasePath: String, verifiers: [NoteVerifierKey], origin: String) {
        self.databasePath = databasePath
        self.verifiers = verifiers
        self.origin = origin
    }

    /// Verifies the ledger; `extraCheckpoint` (a signed note) is checked too.
    public func verify(extraCheckpoint: String? = nil, progress: (UInt64) -> Void = { _ in }) throws(LedgerError) -> Report {
        guard FileManager.default.fileExists(atPath: databasePath) else { throw LedgerError(.storage, "no ledger at \(databasePath)") }
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: databasePath, configuration: configuration)
        } catch {
            throw LedgerError(.storage, "cannot open \(databasePath): \(SQLiteLedgerStore.describe(error))")
        }
        var report = Report()
        do {
            let stored = try queue.read { db in try Row.fetchAll(db, sql: "SELECT size, note FROM checkpoints ORDER BY size") }
            var checkpoints = stored.map { (size: UInt64($0["size"] as Int64), note: $0["note"] as String) }
            if let extraCheckpoint {
                guard
                    let parsed = try? Checkpoint(parsing: String(extraCheckpoint.split(separator: "\n\n", maxSplits: 1).first ?? "") + "\n")
                else {
                    throw LedgerError(.invalidRequest, "the given checkpoint is not a checkpoint note")
                }
                checkpoints.append((parsed.size, extraCheckpoint))
                checkpoints.sort { $0.size < $1.size }
            }
            var rootsAt: [UInt64: Hash32] = [:]
            let wanted = Set(checkpoints.map(\.size))
            // The subtree table is checked on a second connection, on another core, while the entries are read; its
            // findings count only when the entries are clean, as if it had run after them.
            let subtrees = SubtreeCheck()
            let subtreeQueue = try DatabaseQueue(path: databasePath, configuration: configuration)
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                subtrees.result = Result { () throws -> Report in
                    var partial = Report()
                    try subtreeQueue.read { db in try Self.verifySubtrees(db: db, report: &partial) }
                    return partial
                }
                done.signal()
            }
            try queue.read { db in
                try verifyEntries(db: db, report: &report, rootsAt: &rootsAt, wanted: wanted, progress: progress)
            }
            done.wait()
            if report.problems.isEmpty, let result = subtrees.result {
                let partial = try result.get()
                report.subtreesChecked = partial.subtreesChecked
                report.problems += partial.problems
            }
            if wanted.contains(0) { rootsAt[0] = MerkleHash.emptyRoot }
            for (size, note) in checkpoints {
                report.checkpointsChecked += 1
                let verified: VerifiedCheckpoint
                do {
                    verified = try Checkpoint.open(Array(note.utf8), verifiers: verifiers, expectedOrigin: origin)
                } catch {
                    report.problems.append(Problem(seq: nil, message: "the checkpoint at size \(size) does not verify: \(error)"))
                    continue
                }
                let checkpoint = verified.checkpoint
                if checkpoint.size != size {
                    report.problems.append(
                        Problem(seq: nil, message: "the checkpoint row for size \(size) holds a note for size \(checkpoint.size)"))
                } else if checkpoint.size > report.entries {
                    report.problems.append(
                        Problem(
                            seq: report.entries,
                            message:
                                "the log holds \(report.entries) entries but a signed checkpoint covers \(checkpoint.size): entries were removed from the end"
                        ))
                } else if let root = rootsAt[checkpoint.size], root != checkpoint.rootHash {
                    report.problems.append(
                        Problem(
                            seq: nil,
                            message:
                                "the root of the first \(checkpoint.size) entries differs from the signed checkpoint: the log was rewritten"
                        ))
                }
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.storage, "cannot read \(databasePath): \(SQLiteLedgerStore.describe(error))")
        }
        return report
    }

    /// `prev_root` is checked on every entry whose number is a multiple of this, and on every entry of a window that
    /// fails and of the tail; root computations then cost O(n / stride · log n) instead of O(n log n).
    static let rootCheckStride: UInt64 = 1_024

    private func verifyEntries(
        db: Database, report: inout Report, rootsAt: inout [UInt64: Hash32], wanted: Set<UInt64>, progress: (UInt64) -> Void
    ) throws {
        var frontier = MerkleFrontier()
        var expected: UInt64 = 0
        // The state before the last entry whose prev_root checked out.
        var lastGood = (seq: UInt64(0), frontier: MerkleFrontier())
        var checkedBlobs = Set<EntryFields.BlobName>()
        let blobStatement = try db.cachedStatement(sql: "SELECT data FROM blobs WHERE hash = ?")
        let statement = try db.makeStatement(sql: "SELECT seq, data, leaf_hash FROM entries ORDER BY seq")
        // Columns are read in place: no copy of an entry is made.
        let row = RawStatement(statement)
        let cursor = try Row.fetchCursor(statement)
        while try cursor.next() != nil {
            let rowSeq = UInt64(row.int64(at: 0))
            if rowSeq != expected {
                let message =
                    rowSeq > expected
                    ? "missing: the log jumps from entry \(expected - 1) to \(rowSeq) (entries were deleted)"
                    : "row \(rowSeq) is out of order"
                report.problems.append(Problem(seq: expected, message: message))
                return
            }
            let sampled = rowSeq % Self.rootCheckStride == 0
            let fields = EntryFields(row.bytes(at: 1), readingPrevRoot: sampled)
            guard fields.seq == rowSeq else {
                report.problems.append(
                    Problem(seq: rowSeq, message: "the row holds another entry's data (rows were reordered or inserted)"))
                return
            }
            guard row.hash(at: 2) == fields.leafHash else {
                report.problems.append(
                    Problem(seq: rowSeq, message: "the entry's bytes do not match its stored leaf hash (the entry was changed)"))
                return
            }
            if sampled {
                guard fields.prevRoot == frontier.root.base64 else {
                    // A failed sample means a mismatch inside the window; the rescan names where it starts.
                    let located = try Self.locateRootMismatch(db: db, from: lastGood, through: rowSeq)
                    report.problems.append(located ?? Problem(seq: rowSeq, message: "the log root recorded at this entry does not match"))
                    return
                }
                lastGood = (rowSeq, frontier)
            }
            if let blobName = fields.tree, !checkedBlobs.contains(blobName) {
                let blobHash = blobName.text
                guard let blob = try Data.fetchOne(blobStatement, arguments: [blobHash]) else {
                    report.problems.append(Problem(seq: rowSeq, message: "the tree blob \(blobHash) it names is missing"))
                    return
                }
                guard Hash32(SHA256.hash(data: blob)).hex == blobHash else {
                    report.problems.append(Problem(seq: rowSeq, message: "the tree blob \(blobHash) it names was changed"))
                    return
                }
                if checkedBlobs.count < 1_000_000 { checkedBlobs.insert(blobName) }
                report.blobsChecked += 1
            }
            frontier.append(fields.leafHash) { _ in }
            expected += 1
            if wanted.contains(expected) { rootsAt[expected] = frontier.root }
            if expected % 100_000 == 0 { progress(expected) }
        }
        if expected > lastGood.seq, let problem = try Self.locateRootMismatch(db: db, from: lastGood, through: expected - 1) {
            report.problems.append(problem)
            return
        }
        report.entries = expected
        report.root = frontier.root
    }

    /// Re-reads entries `start.seq…last` checking every `prev_root`, and names the entry before the first mismatch, or
    /// returns `nil` when there is none.
    static func locateRootMismatch(db: Database, from start: (seq: UInt64, frontier: MerkleFrontier), through last: UInt64) throws
        -> Problem?
    {
        var frontier = start.frontier
        let statement = try db.makeStatement(sql: "SELECT seq, data FROM entries WHERE seq >= ? AND seq <= ? ORDER BY seq")
        let row = RawStatement(statement)
        let rows = try Row.fetchCursor(statement, arguments: [Int64(start.seq), Int64(last)])
        while try rows.next() != nil {
            let seq = UInt64(row.int64(at: 0))
            let fields = EntryFields(row.bytes(at: 1), readingPrevRoot: true)
            guard fields.prevRoot == frontier.root.base64 else {
                if seq == 0 { return Problem(seq: 0, message: "the entry does not start from the empty log") }
                return Problem(
                    seq: seq - 1,
                    message:
                        "the entry recorded a different log root: an earlier entry was changed together with its hashes (detected at entry \(seq))"
                )
            }
            frontier.append(fields.leafHash) { _ in }
        }
        return nil
    }

    /// Checks each stored subtree hash against its two children, streaming one level against the level below.
    private static func verifySubtrees(db: Database, report: inout Report) throws {
        let levels = try Int.fetchAll(db, sql: "SELECT DISTINCT level FROM subtrees ORDER BY level")
        for level in levels {
            let childStatement =
                level == 1
                ? try db.makeStatement(sql: "SELECT seq, leaf_hash FROM entries ORDER BY seq")
                : try db.makeStatement(sql: "SELECT idx, hash FROM subtrees WHERE level = ? ORDER BY idx")
            let children = try Row.fetchCursor(childStatement, arguments: level == 1 ? [] : [level - 1])
            let child = RawStatement(childStatement)
            let parentStatement = try db.makeStatement(sql: "SELECT idx, hash FROM subtrees WHERE level = ? ORDER BY idx")
            let parents = try Row.fetchCursor(parentStatement, arguments: [level])
            let parent = RawStatement(parentStatement)
            // Each child is read before the cursor moves on to the next one.
            func nextChild() throws -> (index: Int64, hash: Hash32?)? {
                try children.next() == nil ? nil : (child.int64(at: 0), child.hash(at: 1))
            }
            var expectedIndex: Int64 = 0
            while try parents.next() != nil {
                let index = parent.int64(at: 0)
                guard index == expectedIndex, let left = try nextChild(), let right = try nextChild(), left.index == 2 * index,
                    right.index == 2 * index + 1
                else {
                    report.problems.append(
                        Problem(seq: UInt64(index) << UInt64(level), message: "subtree \(level)/\(index) is missing or out of place"))
                    return
                }
                guard let leftHash = left.hash, let rightHash = right.hash, parent.hash(at: 1) == MerkleHash.node(leftHash, rightHash)
                else {
                    report.problems.append(
                        Problem(
                            seq: UInt64(index) << UInt64(level),
                            message: "the stored hash of subtree \(level)/\(index) was changed (proofs would fail)"))
                    return
                }
                report.subtreesChecked += 1
                expectedIndex += 1
            }
        }
    }

    /// The outcome of the subtree check, handed from its worker thread.
    private final class SubtreeCheck: @unchecked Sendable {
        // Written once by the worker before it signals, read only after the wait.
        var result: Result<Report, Error>?
    }
}
