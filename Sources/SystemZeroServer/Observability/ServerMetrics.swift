import Prometheus
import SystemZeroCore
import SystemZeroLedger

/// The server's Prometheus metrics, in a registry of its own (so several servers in one process, as in tests, keep
/// separate figures). Exposed at `/metrics` in the Prometheus text format.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    /// Request duration buckets, in seconds.
    static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]
    let captures: Counter
    let ledgerEntries: Gauge
    let ledgerAppendDuration: DurationHistogram
    let templatesLoaded: Gauge
    /// Request-log lines that could not be written (a full disk, a removed folder).
    let requestLogDroppedLines: Counter
    /// Appends not recorded for want of space, and for other storage failures.
    let appendFailuresDiskFull: Counter
    let appendFailuresStorage: Counter
    /// The request metrics of each method, route and status seen, so a request costs one lookup.
    private let requestMetrics = LockedValue<[RequestKey: RequestMetrics]>([:])

    struct RequestKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    struct RequestMetrics {
        var requests: Counter
        var duration: DurationHistogram
        var errors: Counter?
    }

    public init(version: String = SystemZeroVersion.string) {
        captures = registry.makeCounter(descriptor: Self.metric("systemzero_captures_total", "Captures accepted and recorded."))
        ledgerEntries = registry.makeGauge(descriptor: Self.metric("systemzero_ledger_entries", "Entries in the ledger."))
        ledgerAppendDuration = registry.makeDurationHistogram(
            descriptor: Self.metric("systemzero_ledger_append_duration_seconds", "Time to append a batch durably to the ledger."),
            buckets: Self.durationBuckets)
        templatesLoaded = registry.makeGauge(descriptor: Self.metric("systemzero_templates_loaded", "Templates in the library."))
        requestLogDroppedLines = registry.makeCounter(
            descriptor: Self.metric(
                "systemzero_request_log_dropped_lines_total", "Request-log lines lost because the log file could not be written."))
        let appendFailures = Self.metric("systemzero_ledger_append_failures_total", "Appends that were not recorded, by reason.")
        appendFailuresDiskFull = registry.makeCounter(descriptor: appendFailures, labels: [("reason", "disk_full")])
        appendFailuresStorage = registry.makeCounter(descriptor: appendFailures, labels: [("reason", "storage")])
        registry.makeGauge(
            descriptor: Self.metric("systemzero_build_info", "The running version; always 1."), labels: [("version", version)]
        ).set(Double(1))
    }

    /// A metric named in full (swift-prometheus joins the descriptor's non-empty parts, so the unit stays empty here).
    static func metric(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    /// Counts one answered request.
    public func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let key = RequestKey(method: method, route: route, status: status)
        let metrics = requestMetrics.withLock { cache in
            if let metrics = cache[key] { return metrics }
            let made = makeRequestMetrics(key)
            cache[key] = made
            return made
        }
        metrics.requests.increment()
        metrics.duration.record(duration)
        metrics.errors?.increment()
    }

    private func makeRequestMetrics(_ key: RequestKey) -> RequestMetrics {
        let code = String(key.status)
        return RequestMetrics(
            requests: registry.makeCounter(
                descriptor: Self.metric("systemzero_http_requests_total", "HTTP requests answered, by method, route and status."),
                labels: [("method", key.method), ("route", key.route), ("status", code)]),
            duration: registry.makeDurationHistogram(
                descriptor: Self.metric(
                    "systemzero_http_request_duration_seconds", "Time from request head to response, by method and route."),
                labels: [("method", key.method), ("route", key.route)], buckets: Self.durationBuckets),
            errors: key.status >= 400
                ? registry.makeCounter(
                    descriptor: Self.metric("systemzero_http_errors_total", "HTTP error responses, by status."), labels: [("status", code)])
                : nil)
    }

    /// Counts an append that failed, by reason (`disk_full` or `storage`).
    func recordAppendFailure(_ error: LedgerError) {
        (error.kind == .full ? appendFailuresDiskFull : appendFailuresStorage).increment()
    }

    /// Counts drift events found.
    public func recordDrift(_ events: [DriftEvent]) {
        for event in events {
            registry.makeCounter(
                descriptor: Self.metric("systemzero_drift_events_total", "Drift events found, by kind and severity."),
                labels: [("kind", event.kind.rawValue), ("severity", event.severity.rawValue)]
            ).increment()
        }
    }

    /// The text exposition.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
