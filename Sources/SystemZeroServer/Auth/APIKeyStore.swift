import Foundation
import Synchronization
import SystemZeroCore

/// Who a request acts as once its key checks out.
public struct APIIdentity: Sendable, Hashable {
    /// The key's public id (`bootstrap` for the configured bootstrap key).
    public var keyID: String
    public var role: APIRole
}

/// The API keys of `config/api_keys.yaml`, held in memory for lookups and written back (atomically, mode 0600) on
/// every change.
///
/// A presented key `sz_<id>_<secret>` is looked up by its public id; the SHA-256 of its secret is then compared with
/// the stored one in constant time. Keys themselves are never stored or logged.
public final class APIKeyStore: Sendable {
    /// The file the keys live in.
    public let path: String
    private let state: Mutex<State>

    struct State {
        var records: [String: APIKeyRecord] = [:]
        var bootstrapHash: String?
        /// The key file's modification time when last read or written.
        var fileModified: Date?
    }

    /// Opens (or starts) the key file at `path`; `bootstrapKey` is accepted with the admin role besides.
    public init(path: String, bootstrapKey: String? = nil) throws(SettingsError) {
        self.path = path
        let records = try APIKeyFile.read(path: path)
        state = Mutex(
            State(
                records: Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) }), bootstrapHash: bootstrapKey.map(APIKeySecret.hash),
                fileModified: Self.modified(path)))
    }

    /// Re-reads the file (after an outside change) and takes a new bootstrap key.
    public func reload(bootstrapKey: String?) throws(SettingsError) {
        let records = try APIKeyFile.read(path: path)
        state.withLock {
            $0.records = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
            $0.bootstrapHash = bootstrapKey.map(APIKeySecret.hash)
            $0.fileModified = Self.modified(path)
        }
    }

    /// Checks a presented key. A key not known yet makes the store look at the file once more, in case
    /// `systemzero keys` changed it.
    public func authenticate(_ presented: Substring, at now: Date = Date()) -> Result<APIIdentity, APIKeyRefusal> {
        let result = check(presented, at: now)
        guard case .failure(.unknown) = result, let modified = Self.modified(path),
            modified != state.withLock({ $0.fileModified }),
            let records = try? APIKeyFile.read(path: path)
        else { return result }
        state.withLock {
            $0.records = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
            $0.fileModified = modified
        }
        return check(presented, at: now)
    }

    private func check(_ presented: Substring, at now: Date) -> Result<APIIdentity, APIKeyRefusal> {
        state.withLock { state in
            if let bootstrapHash = state.bootstrapHash, APIKeySecret.constantTimeEqual(APIKeySecret.hash(String(presented)), bootstrapHash)
            {
                return .success(APIIdentity(keyID: "bootstrap", role: .admin))
            }
            guard let key = APIKeySecret(parsing: presented) else { return .failure(.malformed) }
            guard let record = state.records[key.id], APIKeySecret.constantTimeEqual(key.secretHash, record.secretHash) else {
                return .failure(.unknown)
            }
            if let refusal = record.refusal(at: now) { return .failure(refusal) }
            return .success(APIIdentity(keyID: record.id, role: record.role))
        }
    }

    /// Every key's metadata, oldest first.
    public func list() -> [APIKeyRecord] {
        state.withLock { $0.records.values.sorted { ($0.created, $0.id) < ($1.created, $1.id) } }
    }

    /// Makes a key; the plaintext in the result is the only copy there will ever be.
    public func create(name: String, role: APIRole, lifetime: Duration?, now: Date = Date()) throws(SettingsError) -> (
        key: APIKeySecret, record: APIKeyRecord
    ) {
        let key = APIKeySecret.generate()
        let record = APIKeyRecord(
            id: key.id, name: name, role: role, secretHash: key.secretHash, created: now, expires: lifetime.map { now + $0.timeInterval })
        try mutate { $0[record.id] = record }
        return (key, record)
    }

    /// Replaces a key with a new one of the same name and role; the old one keeps working for `grace`.
    public func rotate(id: String, grace: Duration, now: Date = Date()) throws(SettingsError) -> (
        key: APIKeySecret, record: APIKeyRecord, old: APIKeyRecord
    ) {
        let key = APIKeySecret.generate()
        var result: (APIKeyRecord, APIKeyRecord)?
        try mutate { records throws(SettingsError) in
            guard var old = records[id], old.refusal(at: now) == nil else { throw SettingsError(id, "no usable key with this id") }
            old.graceUntil = now + grace.timeInterval
            let record = APIKeyRecord(
                id: key.id, name: old.name, role: old.role, secretHash: key.secretHash, created: now, expires: old.expires,
                rotatedFrom: old.id)
            records[old.id] = old
            records[record.id] = record
            result = (record, old)
        }
        guard let (record, old) = result else { throw SettingsError(id, "no usable key with this id") }
        return (key, record, old)
    }

    /// Revokes a key at once.
    public func revoke(id: String, now: Date = Date()) throws(SettingsError) -> APIKeyRecord {
        var revoked: APIKeyRecord?
        try mutate { records throws(SettingsError) in
            guard var record = records[id] else { throw SettingsError(id, "no key with this id") }
            if record.revoked == nil { record.revoked = now }
            records[id] = record
            revoked = record
        }
        guard let revoked else { throw SettingsError(id, "no key with this id") }
        return revoked
    }

    /// Applies a change and writes the file; the change is kept only if the write succeeds.
    private func mutate(_ change: (inout [String: APIKeyRecord]) throws(SettingsError) -> Void) throws(SettingsError) {
        try state.withLock { state throws(SettingsError) in
            var records = state.records
            try change(&records)
            try APIKeyFile.write(records.values.sorted { ($0.created, $0.id) < ($1.created, $1.id) }, path: path)
            state.records = records
            state.fileModified = Self.modified(path)
        }
    }
}

extension APIKeyStore {
    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
