import ServiceLifecycle

/// The first service to hear of a shutdown: it turns `/ready` to 503 and waits the notice period, during which the
/// server still answers — each answer with `Connection: close` — so load balancers and clients move elsewhere, before
/// the HTTP server stops accepting connections and drains. It then watches the drain: requests still running when
/// the drain period runs out are counted in ``ServerState/requestsCutByDrain`` and logged, just before the service
/// group cancels them. A group cancelled before any shutdown (a server that could not start) says nothing.
struct DrainNoticeService: Service {
    let state: ServerState
    let notice: Duration
    let drain: Duration

    /// How long before the group's own deadline the watch counts what is left.
    static let watchMargin = Duration.milliseconds(250)

    func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return
        }
        state.draining.set(true)
        state.logger.notice("shutting down: /ready answers 503", metadata: ["notice": "\(notice)"])
        try? await Task.sleep(for: notice)
        let state = self.state
        let drain = self.drain
        Task.detached {
            try? await Task.sleep(for: drain)
            let running = state.inFlight.count
            guard running > 0 else { return }
            state.requestsCutByDrain.set(running)
            state.logger.error(
                "the drain period ran out: requests still running are cut off",
                metadata: ["requests": "\(running)", "drain": "\(drain)"])
        }
    }
}

/// Flushes the request log every ``RequestLog/flushInterval`` and once more on shutdown; lines the log could not write
/// are counted in `/metrics` and reported in the application log (at most once a minute).
struct RequestLogService: Service {
    let state: ServerState

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var unreported = 0
            var lastReport: ContinuousClock.Instant?
            while !Task.isCancelled {
                try? await Task.sleep(for: RequestLog.flushInterval)
                state.requestLog.flush()
                unreported += report()
                if unreported > 0, lastReport.map({ ContinuousClock.now - $0 >= .seconds(60) }) ?? true {
                    state.logger.error(
                        "request-log lines were lost: the log folder cannot be written",
                        metadata: ["lines": "\(unreported)", "folder": "\(state.requestLog.directory)"])
                    unreported = 0
                    lastReport = .now
                }
            }
        }
        state.requestLog.close()
        let lost = report()
        if lost > 0 { state.logger.error("request-log lines were lost at shutdown", metadata: ["lines": "\(lost)"]) }
    }

    /// Counts the lines lost since the last flush in the metrics; returns them.
    private func report() -> Int {
        let lost = state.requestLog.takeDroppedLines()
        if lost > 0 { state.metrics.requestLogDroppedLines.increment(by: Int64(lost)) }
        return lost
    }
}
