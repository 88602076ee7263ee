import Hummingbird
import Logging

/// What every endpoint but the probes passes through, in this order:
/// 1. the rate limit (``RequestRateLimit``): 429 before anything else is looked at;
/// 2. CORS preflights (``CORSPreflight``), answered here: they count against the rate limit;
/// 3. the body limit (``BodyLimit``): 413 for a declared length over it, and the limit handed to the handlers;
/// 4. the handler; its response, and a preflight's, get the rate-limit headers;
/// 5. any error thrown by 1–4 becomes an RFC 9457 problem response, and the server's own faults are logged; a path
///    the API has, asked for with a method it does not take, is 405 with `Allow` rather than 404;
/// 6. every response, problems and 429s included, gets the CORS headers of an allowed origin (``CORSAllowlist``).
///
/// They are one middleware so that a request pays one async frame and one copy of the context for them, rather than
/// five; each step is its own type.
public struct APIGuardMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    let rateLimit: RequestRateLimit
    let preflight: CORSPreflight
    let bodyLimit: BodyLimit
    let allowlist: CORSAllowlist

    public init(rateLimit: RequestRateLimit, preflight: CORSPreflight, bodyLimit: BodyLimit, allowlist: CORSAllowlist) {
        self.rateLimit = rateLimit
        self.preflight = preflight
        self.bodyLimit = bodyLimit
        self.allowlist = allowlist
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            let limitHeaders = try rateLimit.admit(context)
            if let answer = try preflight.answer(request) {
                response = answer
            } else {
                var context = context
                try bodyLimit.admit(request, context: &context)
                response = try await next(request, context)
            }
            response.headers.append(contentsOf: limitHeaders)
        } catch {
            var problem = Problem.from(error)
            if problem.status == .notFound, context.endpointPath == nil || context.endpointPath == "NotFound" {
                let allowed = APIRoute.methods(forPath: request.uri.path)
                if !allowed.isEmpty {
                    let names = allowed.map(\.rawValue).joined(separator: ", ")
                    problem = Problem(
                        .methodNotAllowed, detail: "\(request.uri.path) takes \(names), not \(request.method.rawValue).",
                        headers: [.allow: names])
                }
            }
            if problem.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            }
            response = try problem.response(from: request, context: context)
        }
        allowlist.decorate(&response, origin: request.headers[.origin])
        return response
    }
}
