import Hummingbird
import Logging

/// Turns every error a handler or inner middleware throws into an RFC 9457 problem response, logging the ones that
/// are the server's fault.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem.from(error)
            if problem.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            }
            return try problem.response(from: request, context: context)
        }
    }
}
