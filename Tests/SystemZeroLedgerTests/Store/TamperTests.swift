import Foundation
import GRDB
import SystemZeroCore
import Testing

@testable import SystemZeroLedger

/// Every kind of change to a ledger file is reported by verification, naming the first bad entry.
struct TamperTests {
    /// A ledger of 24 entries with a signed checkpoint at 20.
    func ledger() async throws -> TemporaryLedger {
        let temporary = try TemporaryLedger()
        try await temporary.fill(20)
        _ = try await temporary.ledger.checkpoint()
        try await temporary.fill(4)
        #expect(try temporary.verify().isClean)
        return temporary
    }

    func firstProblem(_ temporary: TemporaryLedger) throws -> LedgerVerifier.Problem {
        let report = try temporary.verify()
        return try #require(report.problems.first, "tampering went unnoticed")
    }

    /// The entry's bytes with the value "offer" changed to "0ffer".
    func changingOffer(_ data: [UInt8]) -> [UInt8]? {
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains("\"offer\"") else { return nil }
        return Array(text.replacingOccurrences(of: "\"offer\"", with: "\"0ffer\"").utf8)
    }

    @Test func aChangedByteInAnEntry() async throws {
        let temporary = try await ledger()
        var (data, _) = try temporary.row(5)
        data = try #require(changingOffer(data))
        try temporary.tamper("UPDATE entries SET data = ? WHERE seq = 5", [Data(data)])
        let problem = try firstProblem(temporary)
        #expect(problem.seq == 5)
        #expect(problem.message.contains("stored leaf hash"))
    }

    @Test func aChangedEntryWithItsLeafHashRewritten() async throws {
        let temporary = try await ledger()
        var (data, _) = try temporary.row(5)
        data = try #require(changingOffer(data))
        try temporary.tamper("UPDATE entries SET data = ?, leaf_hash = ? WHERE seq = 5", [Data(data), Data(MerkleHash.leaf(data).bytes)])
        let problem = try firstProblem(temporary)
        #expect(problem.seq == 5)
        #expect(problem.message.contains("different log root"))
    }

    /// Past the sampling stride, a rewritten entry is still named exactly.
    @Test func aRewrittenEntryDeepInALongLog() async throws {
        let temporary = try TemporaryLedger()
        let store = temporary.ledger.store
        let records = (0..<3_000).map { LedgerRecord(kind: "capture", body: [("index", .number(Double($0))), ("screen", "offer")]) }
        for chunk in stride(from: 0, to: records.count, by: 500) {
            _ = try await store.append(LedgerBatch(records: Array(records[chunk..<chunk + 500])))
        }
        #expect(try temporary.verify().isClean)
        var (data, _) = try temporary.row(1_500)
        data = try #require(changingOffer(data))
        try temporary.tamper(
            "UPDATE entries SET data = ?, leaf_hash = ? WHERE seq = 1500", [Data(data), Data(MerkleHash.leaf(data).bytes)])
        let problem = try firstProblem(temporary)
        #expect(problem.seq == 1_500)
        #expect(problem.message.contains("detected at entry 1501"))
    }

    @Test func aChangedTreeBlob() async throws {
        let temporary = try await ledger()
        try temporary.tamper(
            "UPDATE blobs SET data = CAST('{\"tree\":{\"role\":\"window\",\"name\":\"forged\"}}' AS BLOB) WHERE hash IN (SELECT hash FROM blobs ORDER BY hash LIMIT 1)"
        )
        let queue = try DatabaseQueue(path: temporary.databasePath)
        let changed = try await queue.read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM blobs WHERE CAST(data AS TEXT) LIKE '%forged%'")
        }
        let problem = try firstProblem(temporary)
        #expect(problem.message.contains("was changed"))
        #expect(problem.message.contains(try #require(changed)))
    }

    @Test func aRemovedBlob() async throws {
        let temporary = try await ledger()
        try temporary.tamper("DELETE FROM blobs WHERE hash IN (SELECT hash FROM blobs ORDER BY hash LIMIT 1)")
        #expect(try firstProblem(temporary).message.contains("missing"))
    }

    @Test func aDeletedEntry() async throws {
        let temporary = try await ledger()
        try temporary.tamper("DELETE FROM entries WHERE seq = 9")
        let problem = try firstProblem(temporary)
        #expect(problem.seq == 9)
        #expect(problem.message.contains("deleted"))
    }

    @Test func reorderedEntries() async throws {
        let temporary = try await ledger()
        let (data7, leaf7) = try temporary.row(7)
        let (data8, leaf8) = try temporary.row(8)
        try temporary.tamper("UPDATE entries SET data = ?, leaf_hash = ? WHERE seq = 7", [Data(data8), Data(leaf8)])
        try temporary.tamper("UPDATE entries SET data = ?, leaf_hash = ? WHERE seq = 8", [Data(data7), Data(leaf7)])
        let problem = try firstProblem(temporary)
        #expect(problem.seq == 7)
        #expect(problem.message.contains("reordered"))
    }

    @Test func anInsertedEntry() async throws {
        let temporary = try await ledger()
        try temporary.tamper("UPDATE entries SET seq = seq + 1000 WHERE seq >= 10")
        try temporary.tamper("UPDATE entries SET seq = seq - 999 WHERE seq >= 1000")
        let (data, leaf) = try temporary.row(9)
        try temporary.tamper(
            "INSERT INTO entries (seq, time, kind, data, leaf_hash) VALUES (10, '2026-01-01T00:00:00.000Z', 'capture', ?, ?)",
            [Data(data), Data(leaf)])
        let problem = try firstProblem(temporary)
        #expect(problem.seq == 10)
    }

    @Test func truncationBelowASignedCheckpoint() async throws {
        let temporary = try await ledger()
        try temporary.tamper("DELETE FROM entries WHERE seq >= 15")
        try temporary.tamper("DELETE FROM subtrees")
        let report = try temporary.verify()
        #expect(report.entries == 15)
        #expect(report.problems.contains { $0.seq == 15 && $0.message.contains("removed from the end") })
    }

    @Test func aRewrittenSubtreeHash() async throws {
        let temporary = try await ledger()
        try temporary.tamper("UPDATE subtrees SET hash = zeroblob(32) WHERE level = 2 AND idx = 1")
        let problem = try firstProblem(temporary)
        #expect(problem.message.contains("subtree 2/1"))
        #expect(problem.seq == 4)
    }

    @Test func aForgedCheckpoint() async throws {
        let temporary = try await ledger()
        let note = try #require(try await temporary.ledger.store.latestCheckpoint()).note
        let forged = note.replacingOccurrences(of: "\n20\n", with: "\n21\n")
        try temporary.tamper("UPDATE checkpoints SET note = ?", [forged])
        #expect(try firstProblem(temporary).message.contains("does not verify"))
        let stranger = try Ledger(directory: temporary.directory + "-stranger")
        defer { try? FileManager.default.removeItem(atPath: stranger.directory) }
        let foreign = try Checkpoint(origin: Ledger.defaultOrigin, size: 20, rootHash: try await temporary.ledger.store.root(treeSize: 20))
            .signed(by: [stranger.signer]).serialized
        try temporary.tamper("UPDATE checkpoints SET note = ?", [foreign])
        #expect(try firstProblem(temporary).message.contains("does not verify"))
    }

    /// Whoever can write the file rewrites entry 5 and recomputes every later entry, leaf and subtree consistently:
    /// only the signed checkpoint can tell, and it does.
    @Test func aConsistentRewriteIsCaughtByTheSignedCheckpoint() async throws {
        let temporary = try await ledger()
        let queue = try DatabaseQueue(path: temporary.databasePath)
        try await queue.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT seq, data FROM entries ORDER BY seq")
            var frontier = MerkleFrontier()
            try db.execute(sql: "DELETE FROM subtrees")
            for row in rows {
                let seq: Int64 = row["seq"]
                var data = Array(row["data"] as Data)
                if seq >= 5 {
                    var json = try JSONParser().parse(data)
                    guard case .object(var members) = json else { continue }
                    for index in members.indices where members[index].key == "prev_root" {
                        members[index].value = .string(frontier.root.base64)
                    }
                    if seq == 5 { members.append(("forged", true)) }
                    json = .object(members)
                    data = JSONWriter(style: .canonical).bytes(json)
                }
                let leaf = MerkleHash.leaf(data)
                try db.execute(
                    sql: "UPDATE entries SET data = ?, leaf_hash = ? WHERE seq = ?", arguments: [Data(data), Data(leaf.bytes), seq])
                for subtree in frontier.append(leaf) where subtree.id.level > 0 {
                    try db.execute(
                        sql: "INSERT INTO subtrees (level, idx, hash) VALUES (?, ?, ?)",
                        arguments: [Int(subtree.id.level), Int64(subtree.id.index), Data(subtree.hash.bytes)])
                }
            }
        }
        let report = try temporary.verify()
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.message.contains("differs from the signed checkpoint") == true)
    }
}
