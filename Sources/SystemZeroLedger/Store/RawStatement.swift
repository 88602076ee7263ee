import GRDB
import GRDBSQLite

/// Direct SQLite access to a prepared GRDB statement, for the loops that run once per entry (appending, verifying):
/// binding and reading columns without GRDB's argument arrays, `Data` values and copies.
///
/// Only statements used in no other way may be driven through it: it resets the statement after each step and leaves
/// GRDB's view of its arguments untouched.
struct RawStatement {
    /// SQLite's `SQLITE_TRANSIENT`: it copies the bound bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ statement: Statement) {
        self.statement = statement
    }

    /// Binds an integer to the 1-based parameter `index`.
    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds text, or NULL for `nil`.
    func bind(_ value: String?, at index: Int32) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { bytes in
            if let start = bytes.baseAddress, !bytes.isEmpty {
                let text = UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
                sqlite3_bind_text(handle, index, text, Int32(bytes.count), Self.transient)
            } else {
                // An empty string, not NULL (which a null pointer would bind).
                sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
        }
    }

    /// Binds a blob (an empty one for no bytes).
    func bind(_ bytes: UnsafeRawBufferPointer, at index: Int32) {
        if let start = bytes.baseAddress, !bytes.isEmpty {
            sqlite3_bind_blob(handle, index, start, Int32(bytes.count), Self.transient)
        } else {
            sqlite3_bind_zeroblob(handle, index, 0)
        }
    }

    /// Runs a statement that returns no rows, then resets it.
    func execute(in db: Database) throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }

    /// Steps through the rows, calling `body` on each until it returns `false`, then resets the statement.
    func forEachRow(in db: Database, _ body: () throws -> Bool) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            guard code == SQLITE_ROW else {
                guard code == SQLITE_DONE else {
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                        sql: statement.sql)
                }
                return
            }
            guard try body() else { return }
        }
    }

    /// The integer in column `index` (0-based) of the current row.
    func int64(at index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// The bytes of column `index` of the current row, valid until the next step; empty for NULL.
    func bytes(at index: Int32) -> UnsafeRawBufferPointer {
        let start = sqlite3_column_blob(handle, index)
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, index)))
    }

    /// The 32-byte hash in column `index`, or `nil` when it is not 32 bytes.
    func hash(at index: Int32) -> Hash32? {
        Hash32(bytes: bytes(at: index))
    }
}
