import SystemZeroCore
import SystemZeroLedger

/// The ledger entry for a change of API keys: who changed which key how. Never the key or its hash.
public enum KeyChangeRecord {
    public static func batch(action: String, _ record: APIKeyRecord, by actor: String) -> LedgerBatch {
        var body: [(key: String, value: JSONValue)] = [
            ("action", .string(action)), ("key_id", .string(record.id)), ("name", .string(record.name)),
            ("role", .string(record.role.rawValue)),
            ("by", .string(actor)),
        ]
        if let expires = record.expires { body.append(("expires", .string(APIKeyFile.timestamp(expires)))) }
        if let rotatedFrom = record.rotatedFrom { body.append(("rotated_from", .string(rotatedFrom))) }
        if let graceUntil = record.graceUntil { body.append(("grace_until", .string(APIKeyFile.timestamp(graceUntil)))) }
        return LedgerBatch(records: [LedgerRecord(kind: "key", body: body)])
    }
}
