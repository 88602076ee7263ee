import GRDB

/// Small direct reads of a ledger file for assertions.
enum GRDBQueue {
    static func open(_ path: String) throws -> DatabaseQueue {
        try DatabaseQueue(path: path)
    }

    static func count(_ queue: DatabaseQueue, _ table: String) throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}
