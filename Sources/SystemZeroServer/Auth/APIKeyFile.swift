import Foundation
import SystemZeroCore
import Yams

/// Reads and writes `api_keys.yaml`. Writes go to a temporary file (mode 0600) that is synced and renamed over the
/// old one, so a crash leaves either the old file or the new one; what is written is first read back by the reader
/// that start-up uses, so a key file the server wrote always loads.
enum APIKeyFile {
    /// The largest key file read.
    static let maxBytes = 16 << 20

    static func read(path: String) throws(SettingsError) -> [APIKeyRecord] {
        try records(in: ConfigFile.compose(path, maxBytes: maxBytes), path: path)
    }

    /// The records of a composed key file.
    static func records(in document: Node?, path: String) throws(SettingsError) -> [APIKeyRecord] {
        guard let keys = document?.mapping?["keys"]?.sequence else { return [] }
        var records: [APIKeyRecord] = []
        for (index, item) in keys.enumerated() {
            func field(_ name: String) -> String? {
                guard let scalar = item.mapping?[name]?.scalar, !scalar.string.isEmpty else { return nil }
                // A plain `null` or `~` is YAML's null; the writer quotes every string, so a key named "null" stays one.
                if scalar.style == .plain, scalar.string == "null" || scalar.string == "~" { return nil }
                return scalar.string
            }
            func date(_ name: String) throws(SettingsError) -> Date? {
                guard let text = field(name) else { return nil }
                guard let date = try? Date(text, strategy: .iso8601) else {
                    throw SettingsError(path, "key \(index + 1): \(name) \"\(text)\" is not an RFC 3339 time")
                }
                return date
            }
            guard let id = field("id"), let name = field("name"), let roleText = field("role"), let role = APIRole(rawValue: roleText),
                let hash = field("secret_sha256"), hash.count == 64, let created = try date("created")
            else {
                throw SettingsError(path, "key \(index + 1) needs id, name, role (readonly, operator or admin), secret_sha256 and created")
            }
            records.append(
                APIKeyRecord(
                    id: id, name: name, role: role, secretHash: hash, created: created, expires: try date("expires"),
                    rotatedFrom: field("rotated_from"), graceUntil: try date("grace_until"), revoked: try date("revoked")))
        }
        return records
    }

    static func write(_ records: [APIKeyRecord], path: String) throws(SettingsError) {
        let bytes = encode(records)
        let reread = try Self.records(in: ConfigFile.compose(bytes, path: path, maxBytes: maxBytes), path: path)
        guard encode(reread) == bytes else {
            throw SettingsError(path, "the key file would not read back as written, so it was not written")
        }
        do {
            try SecureFile.writeAtomically(bytes, to: path)
        } catch {
            throw SettingsError(path, "cannot write the key file: \(error)")
        }
    }

    /// The file's bytes for `records`.
    static func encode(_ records: [APIKeyRecord]) -> [UInt8] {
        var text = "# System//Zero API keys: the SHA-256 of each key's secret, never the key itself.\n"
        text += "# Managed by `systemzero keys` and the /auth endpoints.\n"
        text += records.isEmpty ? "keys: []\n" : "keys:\n"
        for record in records {
            text += "  - id: \(quoted(record.id))\n"
            text += "    name: \(quoted(record.name))\n"
            text += "    role: \(record.role.rawValue)\n"
            text += "    secret_sha256: \(quoted(record.secretHash))\n"
            text += "    created: \(quoted(timestamp(record.created)))\n"
            for (name, value) in [
                ("expires", record.expires.map(timestamp)), ("rotated_from", record.rotatedFrom),
                ("grace_until", record.graceUntil.map(timestamp)),
                ("revoked", record.revoked.map(timestamp)),
            ] {
                if let value { text += "    \(name): \(quoted(value))\n" }
            }
        }
        return Array(text.utf8)
    }

    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    /// A double-quoted YAML scalar.
    static func quoted(_ text: String) -> String { YAMLScalar.doubleQuoted(text) }
}
