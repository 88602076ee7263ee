import Hummingbird

/// One endpoint of the API: method, path (OpenAPI form, `{name}` for parameters), the role it needs (`nil`: none)
/// and a one-line summary. ``APIRoute/all`` is the single list the router is built from and the OpenAPI document is
/// checked against.
public struct APIRoute: Sendable, Hashable {
    public var method: HTTPRequest.Method
    public var path: String
    public var role: APIRole?
    public var summary: String

    /// `true` for the liveness and readiness probes, which the router answers behind the observing middleware only.
    var isProbe: Bool { role == nil && Self.probePaths.contains(path) }
    /// The probes' paths, which are also their route labels.
    static let probePaths = ["/health", "/ready"]

    /// The path in Hummingbird's form (`:name` for parameters).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : part
        }.joined(separator: "/")
    }

    /// The OpenAPI form of the routes' router paths, made once: looked up for every request's metrics and log line.
    static let labels: [String: String] = Dictionary(
        APIRoute.all.flatMap { [($0.routerPath, $0.path), ($0.path, $0.path)] }, uniquingKeysWith: { first, _ in first })

    /// The methods the API takes at `path` (a request path, no query), HEAD with every GET; empty for a path it does not
    /// have. For 405 answers, so the rare wrong request pays for the search.
    static func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var methods: [HTTPRequest.Method] = []
        for route in all {
            let template = route.path.split(separator: "/", omittingEmptySubsequences: false)
            guard template.count == segments.count,
                zip(template, segments).allSatisfy({ pattern, segment in
                    pattern.hasPrefix("{") ? !segment.isEmpty : pattern == segment
                })
            else { continue }
            methods.append(route.method)
            if route.method == .get { methods.append(.head) }
        }
        return methods
    }

    /// The label of a matched route's path.
    static func label(_ endpointPath: String) -> String { labels[endpointPath] ?? openAPIPath(endpointPath) }

    /// A router path (`:name` or `{name}` parameters) in OpenAPI form.
    static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{" + part.dropFirst() + "}" : String(part)
        }.joined(separator: "/")
    }
}

extension APIRoute {
    /// Every endpoint, in the order the documentation lists them.
    public static let all: [APIRoute] = [
        APIRoute(method: .get, path: "/health", role: nil, summary: "Liveness: 200 while the process is up."),
        APIRoute(method: .get, path: "/ready", role: nil, summary: "Readiness: 200 when every check passes, else 503 with the failures."),
        APIRoute(
            method: .get, path: "/metrics", role: nil, summary: "Prometheus metrics (a key when SYSTEMZERO_METRICS_REQUIRE_KEY is set)."),
        APIRoute(method: .get, path: "/openapi.yaml", role: nil, summary: "This API's OpenAPI 3.1 document."),
        APIRoute(method: .get, path: "/docs", role: nil, summary: "The API documentation as a page."),
        APIRoute(
            method: .post, path: "/captures", role: .operator,
            summary: "Record a capture: match it, find its drift, append both to the ledger."),
        APIRoute(
            method: .get, path: "/captures", role: .readonly, summary: "List recorded captures (screen, session, since; cursor pages)."),
        APIRoute(method: .get, path: "/captures/{id}", role: .readonly, summary: "One capture with its normalized tree and drift events."),
        APIRoute(method: .get, path: "/templates", role: .readonly, summary: "List the templates in the library."),
        APIRoute(method: .get, path: "/templates/{screen_id}", role: .readonly, summary: "One template with its version history."),
        APIRoute(
            method: .post, path: "/templates", role: .operator,
            summary: "Add or replace a template: a YAML upload or a build from captures."),
        APIRoute(method: .get, path: "/logs", role: .readonly, summary: "Drift events (kind, severity, screen, since; offset or cursor)."),
        APIRoute(method: .get, path: "/logs/export", role: .readonly, summary: "Export the ledger as json, ndjson, csv or html, streamed."),
        APIRoute(method: .get, path: "/status", role: .readonly, summary: "Version, uptime, ledger size and template count."),
        APIRoute(
            method: .get, path: "/dashboard", role: .readonly, summary: "Traffic, captures and drift figures, as JSON or an HTML page."),
        APIRoute(method: .get, path: "/ledger/checkpoint", role: nil, summary: "The newest signed checkpoint (C2SP signed note)."),
        APIRoute(method: .get, path: "/ledger/proof/inclusion", role: .readonly, summary: "An RFC 9162 inclusion proof of an entry."),
        APIRoute(
            method: .get, path: "/ledger/proof/consistency", role: .readonly, summary: "An RFC 9162 consistency proof between two sizes."),
        APIRoute(
            method: .get, path: "/ledger/entries/{seq}", role: .readonly, summary: "One ledger entry, byte for byte, with its leaf hash."),
        APIRoute(method: .post, path: "/auth/token", role: .admin, summary: "Create an API key; its plaintext is shown once."),
        APIRoute(method: .get, path: "/auth/keys", role: .admin, summary: "List API keys (metadata only)."),
        APIRoute(
            method: .post, path: "/auth/keys/{id}/rotate", role: .admin, summary: "Replace a key; the old one works for a grace period."),
        APIRoute(method: .delete, path: "/auth/keys/{id}", role: .admin, summary: "Revoke a key at once."),
        APIRoute(method: .get, path: "/config", role: .admin, summary: "The settings in force, secrets redacted."),
        APIRoute(method: .post, path: "/config/reload", role: .admin, summary: "Re-read the settings and apply what can change live."),
    ]
}
