import Hummingbird

/// Answers CORS preflights (`OPTIONS` with `Access-Control-Request-Method`): 204 with the methods and headers the API
/// accepts for an origin on the allowlist, 403 for any other. It runs after the rate limiter, so preflights count
/// against the client's bucket like any request; ``CORSAllowlistMiddleware`` adds the origin headers on the way out.
public struct CORSPreflightMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    let origins: LockedValue<Set<String>>
    static let allowedMethods = "GET, POST, DELETE, OPTIONS"
    static let allowedHeaders = "Authorization, Content-Type, X-API-Key, X-Request-ID"

    /// A middleware answering preflights from the origins in `origins`, which a reload may change.
    public init(origins: LockedValue<Set<String>>) {
        self.origins = origins
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .options, request.headers[.accessControlRequestMethod] != nil, let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        guard origins.value.contains(origin) else { throw Problem(.forbidden, detail: "The origin \(origin) is not allowed.") }
        return Response(
            status: .noContent,
            headers: [
                .accessControlAllowMethods: Self.allowedMethods, .accessControlAllowHeaders: Self.allowedHeaders,
                .accessControlMaxAge: "600",
            ])
    }
}
