import Hummingbird
import SystemZeroLedger

/// Observes every request once it is answered (or fails): a JSON line in the ``RequestLog`` (for the probes only when
/// ``RequestLog/logsProbes``) — time, request id,
/// method, route, path, status, latency in ms, client address, user agent and key id (never the key) — and a count in
/// the Prometheus metrics and the dashboard's statistics, by the route template (`/captures/{id}`, never the raw path,
/// so the label set stays small). ``RequestEnvelopeMiddleware`` calls it once the request is answered, after
/// ``RequestIdentification`` supplied the request id, the address and the key id.
public struct RequestObservation: Sendable {
    let log: RequestLog
    let metrics: ServerMetrics
    let statistics: RequestStatistics

    public init(log: RequestLog, metrics: ServerMetrics, statistics: RequestStatistics) {
        self.log = log
        self.metrics = metrics
        self.statistics = statistics
    }

    /// Logs and counts one answered request.
    func observe(_ request: Request, context: APIRequestContext, status: Int, start: ContinuousClock.Instant) {
        let duration = ContinuousClock.now - start
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let route = context.endpointPath.map(APIRoute.label) ?? "unmatched"
        metrics.recordRequest(method: request.method.rawValue, route: route, status: status, duration: duration)
        statistics.record(status: status, milliseconds: Double(microseconds) / 1000)
        if APIRoute.probePaths.contains(route), !log.logsProbes { return }
        let line = RequestLogLine(
            time: LedgerClock.now(), requestID: context.requestID, method: request.method.rawValue, route: route,
            path: request.uri.path, status: status, latencyMicroseconds: microseconds, clientAddress: context.clientAddress,
            userAgent: request.headers[.userAgent], keyID: context.identity?.keyID)
        log.append { line.write(into: &$0) }
    }
}
