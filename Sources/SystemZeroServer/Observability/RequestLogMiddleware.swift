import Foundation
import Hummingbird
import SystemZeroCore

/// Writes one JSON line per request to the ``RequestLog``: time, request id, method, route, path, status, latency in
/// ms, client address, user agent and key id (never the key). Runs inside ``APIKeyMiddleware``, which supplies the
/// request id, the address and the key id.
public struct RequestLogMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    let log: RequestLog

    public init(log: RequestLog) {
        self.log = log
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            write(request, context: context, status: Problem.from(error).status.code, start: start)
            throw error
        }
        write(request, context: context, status: response.status.code, start: start)
        return response
    }

    static let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    func write(_ request: Request, context: Context, status: Int, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let line: JSONValue = .object([
            ("time", .string(Self.timeStyle.format(Date()))),
            ("request_id", .string(context.requestID)), ("method", .string(request.method.rawValue)),
            ("route", .string(context.endpointPath.map(APIRoute.openAPIPath) ?? "unmatched")), ("path", .string(request.uri.path)),
            ("status", .number(Double(status))), ("latency_ms", .number((milliseconds * 1000).rounded() / 1000)),
            ("client_ip", .string(context.clientAddress)), ("user_agent", .optional(request.headers[.userAgent])),
            ("key_id", .optional(context.identity?.keyID)),
        ])
        log.append(JSONWriter(style: .compact).bytes(line))
    }
}
