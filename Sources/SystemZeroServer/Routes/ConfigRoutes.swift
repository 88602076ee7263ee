import Hummingbird
import SystemZeroCore

/// `GET /config` and `POST /config/reload` (admin).
struct ConfigRoutes {
    let state: ServerState
    /// Reads the settings afresh from their sources (file, `.env`, environment, command-line overrides).
    let loadSettings: @Sendable () throws -> ServerSettings

    func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.admin)
        let settings = state.settings.value
        let entries = SettingDefinition.all.map { definition -> JSONValue in
            .object([
                ("name", .string(definition.name)), ("value", .optional(definition.display(settings))), ("live", .bool(definition.isLive)),
                ("meaning", .string(definition.meaning)),
            ])
        }
        return Response.json(["settings": .array(entries)])
    }

    func reload(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.admin)
        let settings: ServerSettings
        do {
            settings = try loadSettings()
        } catch {
            throw Problem(.unprocessableContent, detail: "The settings were not reloaded: \(error)")
        }
        let report: ServerState.ReloadReport
        do {
            report = try await state.reload(settings, by: context.identity?.keyID ?? "")
        } catch {
            throw Problem(.unprocessableContent, detail: "The settings were not reloaded; those in force are unchanged: \(error)")
        }
        return Response.json(Self.json(report))
    }

    static func json(_ report: ServerState.ReloadReport) -> JSONValue {
        .object([
            ("applied", .array(report.applied.map(JSONValue.string))), ("needs_restart", .array(report.needsRestart.map(JSONValue.string))),
            ("templates", .number(Double(report.templates))), ("keys", .number(Double(report.keys))),
        ])
    }
}
