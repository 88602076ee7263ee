import HTTPTypes
import Hummingbird

/// Headers every response carries: no MIME sniffing, no framing, no referrer, a strict content security policy (the
/// HTML pages the server makes inline their styles and scripts and load nothing from elsewhere), no caching of API
/// answers, and HSTS when serving HTTPS. A header a route set itself is kept.
public struct SecurityHeaders: Sendable {
    let headers: HTTPFields

    public init(tls: Bool) {
        var headers: HTTPFields = [
            .init("X-Content-Type-Options")!: "nosniff",
            .init("X-Frame-Options")!: "DENY",
            .init("Referrer-Policy")!: "no-referrer",
            .contentSecurityPolicy:
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self'; frame-ancestors 'none'",
            .cacheControl: "no-store",
        ]
        if tls { headers[.strictTransportSecurity] = "max-age=31536000" }
        self.headers = headers
    }

    /// Adds the headers that `response` does not have yet.
    public func apply(to response: inout Response) {
        for field in headers where response.headers[field.name] == nil { response.headers.append(field) }
    }
}
