import Hummingbird

/// Maps each ``APIRoute`` to its handler.
struct APIHandlers: Sendable {
    typealias Handler = @Sendable (Request, APIRequestContext) async throws -> Response

    let captures: CaptureRoutes
    let templates: TemplateRoutes
    let logs: LogRoutes
    let status: StatusRoutes
    let ledger: LedgerRoutes
    let auth: AuthRoutes
    let probes: ProbeRoutes
    let docs = DocsRoutes()
    let config: ConfigRoutes

    init(state: ServerState, loadSettings: @escaping @Sendable () throws -> ServerSettings) {
        captures = CaptureRoutes(state: state)
        templates = TemplateRoutes(state: state)
        logs = LogRoutes(state: state)
        status = StatusRoutes(state: state)
        ledger = LedgerRoutes(state: state)
        auth = AuthRoutes(state: state)
        probes = ProbeRoutes(state: state, readiness: Readiness(state: state))
        config = ConfigRoutes(state: state, loadSettings: loadSettings)
    }

    func handler(for route: APIRoute) -> Handler {
        switch (route.method, route.path) {
        case (.get, "/health"): probes.health
        case (.get, "/ready"): probes.ready
        case (.get, "/metrics"): probes.metrics
        case (.get, "/openapi.yaml"): docs.openAPI
        case (.get, "/docs"): docs.docs
        case (.post, "/captures"): captures.post
        case (.get, "/captures"): captures.list
        case (.get, "/captures/{id}"): captures.get
        case (.get, "/templates"): templates.list
        case (.get, "/templates/{screen_id}"): templates.get
        case (.post, "/templates"): templates.post
        case (.get, "/logs"): logs.list
        case (.get, "/logs/export"): logs.export
        case (.get, "/status"): status.status
        case (.get, "/dashboard"): status.dashboard
        case (.get, "/ledger/checkpoint"): ledger.checkpoint
        case (.get, "/ledger/proof/inclusion"): ledger.inclusion
        case (.get, "/ledger/proof/consistency"): ledger.consistency
        case (.get, "/ledger/entries/{seq}"): ledger.entry
        case (.post, "/auth/token"): auth.create
        case (.get, "/auth/keys"): auth.list
        case (.post, "/auth/keys/{id}/rotate"): auth.rotate
        case (.delete, "/auth/keys/{id}"): auth.revoke
        case (.get, "/config"): config.show
        case (.post, "/config/reload"): config.reload
        default: { _, _ in throw Problem(.notImplemented, detail: "\(route.method) \(route.path) has no handler.") }
        }
    }
}
