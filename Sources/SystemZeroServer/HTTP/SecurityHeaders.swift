import HTTPTypes
import Hummingbird
import SystemZeroLedger

/// Headers every response carries: no MIME sniffing, no framing, no referrer, a strict content security policy (no
/// script at all; the pages' own stylesheets allowed by their hashes, ``StrictPagePolicy``), no caching of API answers,
/// and HSTS when serving HTTPS. A header a route set itself is kept.
public struct SecurityHeaders: Sendable {
    let headers: HTTPFields

    public init(tls: Bool) {
        var headers: HTTPFields = [
            .init("X-Content-Type-Options")!: "nosniff",
            .init("X-Frame-Options")!: "DENY",
            .init("Referrer-Policy")!: "no-referrer",
            .contentSecurityPolicy: Self.policy,
            .cacheControl: "no-store",
        ]
        if tls { headers[.strictTransportSecurity] = "max-age=31536000" }
        self.headers = headers
    }

    /// The policy of every page the server serves: the dashboard, the API docs and HTML exports.
    static let policy = StrictPagePolicy.policy(stylesheets: [
        DashboardPage.stylesheet, DocsRoutes.stylesheet, StrictPagePolicy.reportStylesheet,
    ])

    /// Adds the headers that `response` does not have yet.
    public func apply(to response: inout Response) {
        for field in headers where response.headers[field.name] == nil { response.headers.append(field) }
    }
}
