import Hummingbird
import SystemZeroCore

/// `/health`, `/ready` and `/metrics`.
struct ProbeRoutes {
    let state: ServerState
    let readiness: Readiness

    /// The liveness answer, made once.
    static let healthy = ByteBuffer(string: #"{"status":"ok"}"#)

    func health(_ request: Request, context: APIRequestContext) async throws -> Response {
        Response.json(body: Self.healthy)
    }

    func ready(_ request: Request, context: APIRequestContext) async throws -> Response {
        let failures = await readiness.failures()
        guard failures.isEmpty else {
            let checks = JSONValue.array(failures.map { ["check": .string($0.check), "detail": .string($0.detail)] })
            return Response.json(
                .object([
                    ("type", "about:blank"), ("title", "Service Unavailable"), ("status", 503),
                    ("detail", .string("Not ready: \(failures.map(\.check).joined(separator: ", ")).")), ("failures", checks),
                ]), status: .serviceUnavailable, contentType: "application/problem+json")
        }
        return Response.json(["status": "ready"])
    }

    func metrics(_ request: Request, context: APIRequestContext) async throws -> Response {
        if state.settings.value.metricsRequireKey { try context.require(.readonly) }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: state.metrics.exposition())))
    }
}
