import ServiceLifecycle

/// The first service to hear of a shutdown: it turns `/ready` to 503 and waits the notice period, during which the
/// server still answers (so load balancers can stop sending traffic), before the HTTP server stops accepting
/// connections and drains.
struct DrainNoticeService: Service {
    let state: ServerState
    let notice: Duration

    func run() async throws {
        try? await gracefulShutdown()
        state.draining.set(true)
        state.logger.notice("shutting down: /ready answers 503", metadata: ["notice_seconds": "\(notice.components.seconds)"])
        try? await Task.sleep(for: notice)
    }
}

/// Flushes the request log every ``RequestLog/flushInterval`` and once more on shutdown.
struct RequestLogService: Service {
    let log: RequestLog

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: RequestLog.flushInterval)
                log.flush()
            }
        }
        log.close()
    }
}
