import Hummingbird

/// CORS for an allowlist of origins: a response to a request whose `Origin` is on the list gets the origin echoed
/// back (never `*`), the headers a page may read, and `Vary: Origin`. Origins not on the list get no CORS headers, so
/// browsers keep the responses from the page. It sits outside the rate limiter and the problem mapping, so that a
/// page can read its 429s and problems too; preflights are answered further in, by ``CORSPreflightMiddleware``.
public struct CORSAllowlistMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    let origins: LockedValue<Set<String>>
    static let exposedHeaders = "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, X-Request-ID, Location"

    /// A middleware allowing the origins in `origins`, which a reload may change.
    public init(origins: LockedValue<Set<String>>) {
        self.origins = origins
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        var response = try await next(request, context)
        if origins.value.contains(origin) {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
            response.headers[.vary] = "Origin"
        }
        return response
    }
}
