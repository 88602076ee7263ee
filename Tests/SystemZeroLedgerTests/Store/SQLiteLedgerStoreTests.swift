import Foundation
import SystemZeroCore
import Testing

@testable import SystemZeroLedger

struct SQLiteLedgerStoreTests {
    @Test func entriesAreCanonicalAndCommitToThePreviousRoot() async throws {
        let temporary = try TemporaryLedger()
        try await temporary.fill(5)
        let entry = try #require(try await temporary.ledger.store.entry(3))
        let json = entry.json
        #expect(json["seq"] == 3)
        #expect(json["kind"] == "capture")
        #expect(JSONWriter(style: .canonical).bytes(json) == entry.data)
        #expect(entry.leafHash == MerkleHash.leaf(entry.data))
        let rootOfThree = try await temporary.ledger.store.root(treeSize: 3)
        #expect(json["prev_root"]?.stringValue == rootOfThree.base64)
    }

    @Test func rootsAndProofsAgreeWithAnIndependentTree() async throws {
        let temporary = try TemporaryLedger()
        try await temporary.fill(37)
        let entries = try await temporary.ledger.store.entries(from: 0, limit: 100)
        let reference = InMemoryMerkleTree(entries: entries.map(\.data))
        for size in [1, 2, 7, 16, 31, 37] as [UInt64] {
            let root = try await temporary.ledger.store.root(treeSize: size)
            #expect(try root == reference.root(treeSize: size))
            for seq in stride(from: 0, to: size, by: 5) {
                let proof = try await temporary.ledger.store.inclusionProof(seq: seq, treeSize: size)
                #expect(throws: Never.self) {
                    try MerkleProof.verifyInclusion(
                        leafHash: entries[Int(seq)].leafHash, index: seq, treeSize: size, proof: proof, root: root)
                }
            }
            if size > 1 {
                let older = try await temporary.ledger.store.root(treeSize: size / 2)
                let proof = try await temporary.ledger.store.consistencyProof(from: size / 2, to: size)
                #expect(throws: Never.self) {
                    try MerkleProof.verifyConsistency(size1: size / 2, size2: size, proof: proof, root1: older, root2: root)
                }
            }
        }
        await #expect(throws: LedgerError.self) { try await temporary.ledger.store.inclusionProof(seq: 40, treeSize: 50) }
        await #expect(throws: LedgerError.self) { try await temporary.ledger.store.consistencyProof(from: 30, to: 20) }
    }

    @Test func concurrentAppendsGetContiguousUniqueNumbers() async throws {
        let temporary = try TemporaryLedger()
        let store = temporary.ledger.store
        let seqs = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for writer in 0..<40 {
                group.addTask {
                    var mine: [UInt64] = []
                    for index in 0..<25 {
                        mine += try await store.append(
                            LedgerBatch(records: [
                                LedgerRecord(kind: "capture", body: [("w", .number(Double(writer))), ("i", .number(Double(index)))])
                            ]))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(seqs.sorted() == Array(0..<1_000))
        #expect(try await store.size() == 1_000)
        let report = try temporary.verify()
        #expect(report.isClean)
        #expect(report.entries == 1_000)
    }

    @Test func aBatchIsContiguousAndLinksItsEvents() async throws {
        let temporary = try TemporaryLedger()
        try await temporary.fill(2)
        let batch = LedgerBatch(records: [
            LedgerRecord(kind: "capture", body: [("screen", "offer")]),
            LedgerRecord(kind: "drift", body: [("event", ["rule": "preselection"])], linksToFirstInBatch: true, severity: "warning"),
            LedgerRecord(kind: "drift", body: [("event", ["rule": "sneaking"])], linksToFirstInBatch: true, severity: "critical"),
        ])
        #expect(try await temporary.ledger.store.append(batch) == [2, 3, 4])
        #expect(try await temporary.ledger.store.entry(4)?.json["capture_seq"] == 2)
        let critical = try await temporary.ledger.store.query(LedgerQuery(minimumSeverity: .critical))
        #expect(critical.map(\.seq) == [4])
        let drifts = try await temporary.ledger.store.query(LedgerQuery(kind: "drift", limit: 1))
        #expect(drifts.map(\.seq) == [3])
    }

    @Test func reopeningRestoresTheTree() async throws {
        let temporary = try TemporaryLedger()
        try await temporary.fill(13)
        let root = try await temporary.ledger.store.root(treeSize: 13)
        let reopened = try SQLiteLedgerStore(path: temporary.databasePath)
        #expect(try await reopened.size() == 13)
        #expect(await reopened.currentRoot() == root)
        // The first store is still the writer: a second one may read, but its appends are refused rather than fork the tree.
        await #expect(throws: LedgerError.self) {
            _ = try await reopened.append(LedgerBatch(records: [LedgerRecord(kind: "config", body: [])]))
        }
        #expect(try await temporary.ledger.store.append(LedgerBatch(records: [LedgerRecord(kind: "config", body: [])])) == [13])
        let reference = InMemoryMerkleTree(entries: try await temporary.ledger.store.entries(from: 0, limit: 100).map(\.data))
        #expect(try await temporary.ledger.store.root(treeSize: 14) == reference.root)
    }

    @Test func identicalTreesAreStoredOnce() async throws {
        let temporary = try TemporaryLedger()
        let blob = LedgerBlob(data: Array("same screen".utf8))
        for _ in 0..<3 {
            _ = try await temporary.ledger.store.append(
                LedgerBatch(records: [LedgerRecord(kind: "capture", body: [("tree", .string(blob.hash))])], blobs: [blob]))
        }
        #expect(try await temporary.ledger.store.blob(blob.hash) == blob.data)
        let queue = try GRDBQueue.open(temporary.databasePath)
        #expect(try GRDBQueue.count(queue, "blobs") == 1)
    }

    @Test func checkpointsAreSignedNotesThatVerify() async throws {
        let temporary = try TemporaryLedger()
        try await temporary.fill(9)
        let note = try await temporary.ledger.checkpoint()
        let verified = try Checkpoint.open(
            Array(note.utf8), verifiers: [temporary.ledger.signer.verifierKey], expectedOrigin: Ledger.defaultOrigin)
        #expect(verified.checkpoint.size == 9)
        #expect(verified.checkpoint.rootHash == (try await temporary.ledger.store.root(treeSize: 9)))
        #expect(try await temporary.ledger.store.latestCheckpoint()?.size == 9)
    }

    @Test func theKeyFileIsPrivateAndReused() throws {
        let temporary = try TemporaryLedger()
        let path = (temporary.directory as NSString).appendingPathComponent("ledger.key")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: temporary.directory)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        let again = try Ledger(directory: temporary.directory)
        #expect(again.verifierKey == temporary.ledger.verifierKey)
        try "PRIVATE+KEY+nonsense".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: LedgerError.self) { try Ledger(directory: temporary.directory) }
    }

    @Test func anUnusableDataFolderIsAClearError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sz-not-a-folder-\(UUID())").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        do {
            _ = try Ledger(directory: file)
            Issue.record("a file was accepted as the data folder")
        } catch {
            #expect(error.kind == .storage)
            #expect(error.message.contains(file))
        }
    }
}
