import Hummingbird

/// Answers CORS preflights (`OPTIONS` with `Access-Control-Request-Method`): 204 with the methods and headers the API
/// accepts for an origin on the allowlist, 403 for any other. ``APIGuardMiddleware`` asks it after the rate limit, so
/// preflights count against the client's bucket like any request; ``CORSAllowlist`` adds the origin headers.
public struct CORSPreflight: Sendable {
    let origins: LockedValue<Set<String>>
    static let allowedMethods = "GET, POST, DELETE, OPTIONS"
    static let allowedHeaders = "Authorization, Content-Type, X-API-Key, X-Request-ID"

    /// Preflights checked against an allowlist that a reload may change.
    public init(origins: LockedValue<Set<String>>) {
        self.origins = origins
    }

    /// The answer to a preflight, or `nil` for any other request; throws 403 for an origin not on the list.
    public func answer(_ request: Request) throws(Problem) -> Response? {
        guard request.method == .options, request.headers[.accessControlRequestMethod] != nil, let origin = request.headers[.origin] else {
            return nil
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
