import Crypto

/// The content security policy of every page System//Zero makes (the HTML report, the dashboard, the API docs): no
/// script at all, nothing loaded from elsewhere, and style only from the pages' own stylesheets, each allowed by its
/// SHA-256 (CSP Level 3 hash sources) rather than by `'unsafe-inline'`. The pages carry no `style` attributes.
public enum StrictPagePolicy {
    /// The policy allowing exactly `stylesheets` (the text of each `<style>` element). In a `<meta>` element (a report
    /// opened from disk), `frame-ancestors` is left out: browsers ignore it there.
    public static func policy(stylesheets: [String], inMetaElement: Bool = false) -> String {
        let styles = stylesheets.map { "'sha256-\(hashSource($0))'" }.joined(separator: " ")
        let policy = "default-src 'none'; style-src \(styles); img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'"
        return inMetaElement ? policy : policy + "; frame-ancestors 'none'"
    }

    /// The stylesheet of the HTML report (``LedgerExporter``'s `html` format), for servers that serve reports.
    public static let reportStylesheet = HTMLReport.stylesheet

    /// The base64 SHA-256 of a stylesheet's UTF-8 text, as a CSP hash source names it.
    static func hashSource(_ stylesheet: String) -> String {
        Hash32(SHA256.hash(data: Array(stylesheet.utf8))).base64
    }
}
