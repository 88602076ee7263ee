import HTTPTypes
import Hummingbird

/// Headers every response carries: no MIME sniffing, no framing, no referrer, a strict content security policy (the
/// HTML pages the server makes inline their styles and scripts and load nothing from elsewhere), no caching of API
/// answers, and HSTS when serving HTTPS.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
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

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for field in headers where response.headers[field.name] == nil { response.headers.append(field) }
        return response
    }
}
