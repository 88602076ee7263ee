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

    /// 200, or 503 naming the failed checks. What each failure is (which may name a folder or quote a file) is shown only
    /// to a caller with a valid key: the probe itself needs none, and anyone may call it.
    func ready(_ request: Request, context: APIRequestContext) async throws -> Response {
        let failures = await readiness.failures()
        guard failures.isEmpty else {
            let detailed = context.identity != nil
            let checks = JSONValue.array(
                failures.map { detailed ? ["check": .string($0.check), "detail": .string($0.detail)] : ["check": .string($0.check)] })
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
