import Hummingbird
import SystemZeroCore
import SystemZeroLedger

/// `/status` and `/dashboard`: figures kept in memory, so both cost the same however large the ledger is.
struct StatusRoutes {
    let state: ServerState

    func status(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readonly)
        let counters = state.counters.snapshot
        return Response.json(
            .object([
                ("version", .string(SystemZeroVersion.string)), ("uptime_seconds", .number(uptime)),
                ("ledger_size", .number(Double(counters.size))), ("ledger_origin", .string(state.ledger.origin)),
                ("templates", .number(Double(state.pipeline.value.matcher.library.templates.count))),
                ("draining", .bool(state.draining.value)),
            ]))
    }

    func dashboard(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.require(.readonly)
        let json = dashboardJSON()
        if DashboardPage.wantsHTML(request.headers[.accept]) {
            return Response.text(DashboardPage.html(json, events: try await recentEvents()), contentType: "text/html; charset=utf-8")
        }
        return Response.json(json)
    }

    /// The latest drift events among the ledger's last few thousand entries (an index range scan, whatever the size).
    func recentEvents(limit: Int = 60) async throws -> [JSONValue] {
        let size = state.counters.snapshot.size
        let window: UInt64 = 5_000
        let entries = try await state.ledger.store.query(
            LedgerQuery(kind: "drift", fromSeq: size > window ? size - window : 0, limit: Int(window)))
        return entries.suffix(limit).map { CaptureRoutes.eventJSON($0.json["event"] ?? .null, seq: $0.seq) }
    }

    var uptime: Double { ((RateLimiter.now() - state.statistics.started) * 10).rounded() / 10 }

    /// The dashboard's figures.
    func dashboardJSON() -> JSONValue {
        let requests = state.statistics.summary()
        let counters = state.counters.snapshot
        func round(_ value: Double, _ places: Double = 1000) -> JSONValue { .number((value * places).rounded() / places) }
        let severities = DriftEvent.Severity.allCases.map {
            ($0.rawValue, JSONValue.number(Double(counters.driftBySeverity[$0.rawValue] ?? 0)))
        }
        return .object([
            ("version", .string(SystemZeroVersion.string)), ("uptime_seconds", .number(uptime)),
            ("requests_total", .number(Double(requests.requests))), ("requests_per_second", round(requests.requestsPerSecond, 100)),
            ("error_rate", round(requests.errorRate, 10_000)), ("latency_mean_ms", round(requests.meanLatencyMilliseconds, 100)),
            ("latency_p95_ms", round(requests.p95LatencyMilliseconds, 100)), ("captures_today", .number(Double(counters.capturesToday))),
            ("captures_total", .number(Double(counters.byKind["capture"] ?? 0))),
            ("templates_created", .number(Double(counters.byKind["template"] ?? 0))),
            ("templates_loaded", .number(Double(state.pipeline.value.matcher.library.templates.count))),
            ("drift_by_severity", .object(severities)), ("ledger_size", .number(Double(counters.size))),
        ])
    }
}
