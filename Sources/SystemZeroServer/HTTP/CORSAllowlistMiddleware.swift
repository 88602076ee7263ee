import Hummingbird

/// CORS for an allowlist of origins: a request whose `Origin` is on the list gets it echoed back (never `*`), with
/// `Vary: Origin`; preflight requests from listed origins are answered here with 204. Origins not on the list get no
/// CORS headers, so browsers keep their responses from the page.
public struct CORSAllowlistMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    let origins: LockedValue<Set<String>>
    static let allowedMethods = "GET, POST, DELETE, OPTIONS"
    static let allowedHeaders = "Authorization, Content-Type, X-API-Key, X-Request-ID"
    static let exposedHeaders = "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, X-Request-ID, Location"

    /// A middleware allowing the origins in `origins`, which a reload may change.
    public init(origins: LockedValue<Set<String>>) {
        self.origins = origins
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = origins.value.contains(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            guard allowed else {
                return try Problem(.forbidden, detail: "The origin \(origin) is not allowed.").response(from: request, context: context)
            }
            return Response(
                status: .noContent,
                headers: [
                    .accessControlAllowOrigin: origin, .accessControlAllowMethods: Self.allowedMethods,
                    .accessControlAllowHeaders: Self.allowedHeaders, .accessControlMaxAge: "600", .vary: "Origin",
                ])
        }
        var response = try await next(request, context)
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
            response.headers[.vary] = "Origin"
        }
        return response
    }
}
