import Foundation
import Hummingbird
import SystemZeroCore

/// Key management for admins: create, list, rotate, revoke. Every change is written to `api_keys.yaml` and recorded in
/// the ledger; a key's plaintext appears only in the answer that creates it.
struct AuthRoutes {
    let state: ServerState

    func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.admin)
        let json = try await Self.jsonBody(request, context: context)
        guard let name = json["name"]?.stringValue, !name.isEmpty, name.utf8.count <= 128 else {
            throw Problem(.unprocessableContent, detail: "name is required: 1 to 128 bytes of text.")
        }
        guard let roleText = json["role"]?.stringValue, let role = APIRole(rawValue: roleText) else {
            throw Problem(.unprocessableContent, detail: "role is required: readonly, operator or admin.")
        }
        var lifetime: Duration?
        if let value = json["lifetime"], !value.isNull {
            let text = value.integerValue(as: Int64.self).map(String.init) ?? value.stringValue ?? ""
            guard let parsed = KeyLifetime.parse(text) else {
                throw Problem(.unprocessableContent, detail: "lifetime must be like 90s, 30m, 12h or 30d (at most ten years), or null.")
            }
            lifetime = parsed
        }
        let (key, record) = try Self.keyChange { () throws(SettingsError) in
            try state.keys.create(name: name, role: role, lifetime: lifetime)
        }
        try await state.recordKeyChange("create", record, by: context.identity?.keyID ?? "")
        var members = Self.metadata(record).objectValue ?? []
        members.insert(("key", .string(key.plaintext)), at: 1)
        return Response.json(.object(members), status: .created)
    }

    func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.admin)
        return Response.json(["keys": .array(state.keys.list().map(Self.metadata))])
    }

    func rotate(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.admin)
        let id = try context.parameters.require("id")
        let grace = Duration.seconds(state.settings.value.keyGraceHours * 3_600)
        let (key, record, old) = try Self.keyChange { () throws(SettingsError) in try state.keys.rotate(id: id, grace: grace) }
        try await state.recordKeyChange("rotate", record, by: context.identity?.keyID ?? "")
        var members = Self.metadata(record).objectValue ?? []
        members.insert(("key", .string(key.plaintext)), at: 1)
        members.append(("old_key_valid_until", .optional(old.graceUntil.map(APIKeyFile.timestamp))))
        return Response.json(.object(members), status: .created)
    }

    func revoke(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.admin)
        let id = try context.parameters.require("id")
        let record = try Self.keyChange { () throws(SettingsError) in try state.keys.revoke(id: id) }
        try await state.recordKeyChange("revoke", record, by: context.identity?.keyID ?? "")
        return Response.json(Self.metadata(record))
    }

    /// Runs a key change; an unknown key is 404, a file that cannot be written 500.
    static func keyChange<Result>(_ change: () throws(SettingsError) -> Result) throws(Problem) -> Result {
        do {
            return try change()
        } catch {
            if error.message.hasPrefix("no ") { throw Problem(.notFound, detail: "There is no usable key \(error.subject).") }
            throw Problem(.internalServerError, detail: "The key file could not be written.")
        }
    }

    static func metadata(_ record: APIKeyRecord) -> JSONValue {
        .object([
            ("id", .string(record.id)), ("name", .string(record.name)), ("role", .string(record.role.rawValue)),
            ("created", .string(APIKeyFile.timestamp(record.created))), ("expires", .optional(record.expires.map(APIKeyFile.timestamp))),
            ("rotated_from", .optional(record.rotatedFrom)), ("grace_until", .optional(record.graceUntil.map(APIKeyFile.timestamp))),
            ("revoked", .optional(record.revoked.map(APIKeyFile.timestamp))),
            ("status", .string(record.refusal(at: .now)?.rawValue ?? "active")),
        ])
    }

    /// A JSON request body; other media types are 415, bad JSON 400.
    static func jsonBody(_ request: Request, context: APIRequestContext) async throws -> JSONValue {
        let mediaType = request.headers[.contentType].map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() }
        guard mediaType == "application/json" else { throw Problem(.unsupportedMediaType, detail: "Send application/json.") }
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        do {
            return try JSONParser(limits: ImportLimits(maxBytes: context.maxUploadSize, maxDepth: 16)).parse(body)
        } catch {
            throw Problem(.badRequest, detail: "The body is not JSON: \(error)")
        }
    }
}
