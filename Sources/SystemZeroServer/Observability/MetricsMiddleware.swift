import Hummingbird

/// Counts every request into the Prometheus metrics and the dashboard's statistics, by the route template
/// (`/captures/{id}`, never the raw path, so the label set stays small).
public struct MetricsMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    let metrics: ServerMetrics
    let statistics: RequestStatistics

    public init(metrics: ServerMetrics, statistics: RequestStatistics) {
        self.metrics = metrics
        self.statistics = statistics
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            record(request, context: context, status: Problem.from(error).status.code, start: start)
            throw error
        }
        record(request, context: context, status: response.status.code, start: start)
        return response
    }

    func record(_ request: Request, context: Context, status: Int, start: ContinuousClock.Instant) {
        let duration = ContinuousClock.now - start
        let route = context.endpointPath.map(APIRoute.openAPIPath) ?? "unmatched"
        metrics.recordRequest(method: request.method.rawValue, route: route, status: status, duration: duration)
        statistics.record(
            status: status, milliseconds: Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)
    }
}
