import Foundation
import GRDB
import SystemZeroCore

@testable import SystemZeroLedger

/// A ledger in a fresh temporary folder, removed when the test ends.
final class TemporaryLedger {
    let directory: String
    let ledger: Ledger

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sz-ledger-\(UUID().uuidString)").path
        ledger = try Ledger(directory: directory)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    var databasePath: String { (directory as NSString).appendingPathComponent("ledger.sqlite") }

    /// Appends `count` single-record batches, each naming a distinct tree blob every third entry.
    @discardableResult
    func fill(_ count: Int) async throws -> [UInt64] {
        var seqs: [UInt64] = []
        for index in 0..<count {
            var blobs: [LedgerBlob] = []
            var body: [(key: String, value: JSONValue)] = [("index", .number(Double(index))), ("screen", "offer")]
            if index % 3 == 0 {
                let blob = LedgerBlob(data: Array("{\"tree\":{\"role\":\"window\",\"name\":\"screen \(index)\"}}".utf8))
                blobs.append(blob)
                body.append(("tree", .string(blob.hash)))
            }
            seqs += try await ledger.store.append(
                LedgerBatch(records: [LedgerRecord(kind: "capture", body: body, screen: "offer")], blobs: blobs))
        }
        return seqs
    }

    func verify() throws -> LedgerVerifier.Report {
        try LedgerVerifier(databasePath: databasePath, verifiers: [ledger.signer.verifierKey], origin: ledger.origin).verify()
    }

    /// Runs raw SQL against the ledger file, as someone with write access to it could.
    func tamper(_ sql: String, _ arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: databasePath)
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    func row(_ seq: Int) throws -> (data: [UInt8], leaf: [UInt8]) {
        let queue = try DatabaseQueue(path: databasePath)
        return try queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT data, leaf_hash FROM entries WHERE seq = ?", arguments: [seq])!
            return (Array(row["data"] as Data), Array(row["leaf_hash"] as Data))
        }
    }
}
