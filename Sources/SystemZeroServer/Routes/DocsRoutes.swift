import Hummingbird
import SystemZeroLedger

/// `/openapi.yaml` and `/docs`.
struct DocsRoutes {
    func openAPI(_ request: Request, context: APIRequestContext) async throws -> Response {
        Response.text(OpenAPIDocument.yaml, contentType: "application/yaml")
    }

    /// The page's one stylesheet (allowed by its hash in the content security policy, ``SecurityHeaders``).
    static let stylesheet = """
        body{font:15px/1.45 system-ui,sans-serif;margin:24px;max-width:1000px;color:#1d2330}
        table{border-collapse:collapse;width:100%}td,th{padding:6px 10px;border-bottom:1px solid #e4e7ec;text-align:left}
        code{background:#f0f2f5;padding:1px 4px;border-radius:3px}.m{font-weight:600}
        """

    /// A page listing every endpoint with its role, generated from the route table, linking the OpenAPI document.
    func docs(_ request: Request, context: APIRequestContext) async throws -> Response {
        var page = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>System//Zero API</title>
            <style>\(Self.stylesheet)</style></head><body>
            <h1>System//Zero API</h1>
            <p>The machine-readable description is <a href="/openapi.yaml">/openapi.yaml</a> (OpenAPI 3.1).
            Send a key as <code>X-API-Key: sz_…</code> or <code>Authorization: Bearer sz_…</code>.
            Errors are <code>application/problem+json</code> (RFC 9457).</p>
            <table><tr><th>method</th><th>path</th><th>role</th><th>what it does</th></tr>

            """
        for route in APIRoute.all {
            page += "<tr><td class=\"m\">\(route.method.rawValue)</td><td><code>\(HTMLEscaping.escape(route.path))</code></td>"
            page += "<td>\(route.role?.rawValue ?? "none")</td><td>\(HTMLEscaping.escape(route.summary))</td></tr>\n"
        }
        page += "</table></body></html>\n"
        return Response.text(page, contentType: "text/html; charset=utf-8")
    }
}
