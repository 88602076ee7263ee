import Hummingbird

/// CORS for an allowlist of origins: a response to a request whose `Origin` is on the list gets the origin echoed
/// back (never `*`), the headers a page may read, and `Vary: Origin`. Origins not on the list get no CORS headers, so
/// browsers keep the responses from the page. ``APIGuardMiddleware`` applies it last, to 429s and problems too, so
/// that a page can read them; preflights are answered by ``CORSPreflight``.
public struct CORSAllowlist: Sendable {
    let origins: LockedValue<Set<String>>
    static let exposedHeaders = "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, X-Request-ID, Location"

    /// An allowlist that a reload may change.
    public init(origins: LockedValue<Set<String>>) {
        self.origins = origins
    }

    /// Adds the CORS headers to the response to a request from `origin`, when it is allowed.
    public func decorate(_ response: inout Response, origin: String?) {
        guard let origin, origins.value.contains(origin) else { return }
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        response.headers[.vary] = "Origin"
    }
}
