import Foundation
import SystemZeroCore
import Yams

/// Reads and writes `api_keys.yaml`. Writes go to a temporary file (mode 0600) that is synced and renamed over the
/// old one, so a crash leaves either the old file or the new one.
enum APIKeyFile {
    static func read(path: String) throws(SettingsError) -> [APIKeyRecord] {
        guard let keys = try ConfigFile.compose(path, maxBytes: 16 << 20)?.mapping?["keys"]?.sequence else { return [] }
        var records: [APIKeyRecord] = []
        for (index, item) in keys.enumerated() {
            func field(_ name: String) -> String? {
                guard let value = item.mapping?[name]?.string, value != "null", !value.isEmpty else { return nil }
                return value
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
        do {
            try SecureFile.writeAtomically(Array(text.utf8), to: path)
        } catch {
            throw SettingsError(path, "cannot write the key file: \(error)")
        }
    }

    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    /// A double-quoted YAML scalar.
    static func quoted(_ text: String) -> String { JSONWriter(style: .compact).string(.string(text)) }
}
