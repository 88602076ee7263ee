import SystemZeroCore
import SystemZeroLedger

/// The dashboard as a self-contained page: the same figures as `/dashboard`'s JSON (each in an element with a
/// `data-figure` attribute naming its JSON key), drift counts as bars and a timeline of the latest drift events, all
/// inline SVG and CSS, with nothing loaded from elsewhere.
enum DashboardPage {
    /// `true` when the `Accept` header prefers HTML to JSON.
    static func wantsHTML(_ accept: String?) -> Bool {
        guard let accept else { return false }
        let html = accept.range(of: "text/html")
        let json = accept.range(of: "application/json")
        switch (html, json) {
        case (.some(let h), .some(let j)): return h.lowerBound < j.lowerBound
        case (.some, .none): return true
        default: return false
        }
    }

    static let colors = ["info": "#4a90d9", "warning": "#e0a100", "critical": "#d0342c"]

    /// The page's one stylesheet (allowed by its hash in the content security policy, ``SecurityHeaders``).
    static let stylesheet = """
        body{font:15px/1.4 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
        header{background:#1d2330;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
        header span{opacity:.7;font-size:13px}
        main{padding:20px 24px;max-width:1100px}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px}
        .card{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .label{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#5b6375}
        .value{font-size:26px;font-weight:600;margin-top:4px;white-space:nowrap}
        h2{font-size:16px;margin:26px 0 10px}
        svg{background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        table{border-collapse:collapse;background:#fff;width:100%;font-size:13px}
        td,th{padding:6px 10px;border-bottom:1px solid #e4e7ec;text-align:left}td:nth-child(2){white-space:nowrap}
        .sev{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px}
        .sev.info{background:#4a90d9}.sev.warning{background:#e0a100}.sev.critical{background:#d0342c}
        """

    /// The policy in the page itself, for a copy saved and opened from disk.
    static let metaPolicy = StrictPagePolicy.policy(stylesheets: [stylesheet], inMetaElement: true)

    static func html(_ figures: JSONValue, events: [JSONValue]) -> String {
        func figure(_ key: String, _ label: String, unit: String = "") -> String {
            let value = figures[key].map(text) ?? "–"
            return
                "<div class=\"card\"><div class=\"label\">\(label)</div><div class=\"value\"><span data-figure=\"\(key)\">\(value)</span>\(unit)</div></div>"
        }
        var page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>System//Zero dashboard</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(metaPolicy)">
            <style>\(stylesheet)</style></head><body>
            <header><h1>System//Zero</h1><span>version <span data-figure="version">\(figures["version"].map(text) ?? "")</span> · up <span data-figure="uptime_seconds">\(figures["uptime_seconds"].map(text) ?? "")</span> s</span></header>
            <main>
            <div class="cards">

            """
        page += figure("requests_per_second", "Requests / s")
        page += figure("error_rate", "Error rate")
        page += figure("latency_mean_ms", "Mean latency", unit: " ms")
        page += figure("latency_p95_ms", "p95 latency", unit: " ms")
        page += figure("captures_today", "Captures today")
        page += figure("templates_created", "Templates created")
        page += figure("templates_loaded", "Templates loaded")
        page += figure("ledger_size", "Ledger entries")
        page += "</div>\n<h2>Drift events by severity</h2>\n"
        page += severityBars(figures["drift_by_severity"] ?? .null)
        page += "<h2>Latest drift events</h2>\n"
        page += timeline(events)
        page += "</main></body></html>\n"
        return page
    }

    static func text(_ value: JSONValue) -> String {
        if let number = value.numberValue {
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        }
        return HTMLEscaping.escape(value.stringValue ?? "")
    }

    static func severityBars(_ counts: JSONValue) -> String {
        let severities = DriftEvent.Severity.allCases.map(\.rawValue)
        let values = severities.map { counts[$0]?.numberValue ?? 0 }
        let largest = max(1, values.max() ?? 1)
        var svg = "<svg width=\"520\" height=\"\(severities.count * 34 + 16)\" role=\"img\" aria-label=\"drift events by severity\">"
        for (index, severity) in severities.enumerated() {
            let y = 12 + index * 34
            let width = Int(360 * values[index] / largest)
            svg += "<text x=\"12\" y=\"\(y + 17)\" font-size=\"13\">\(severity)</text>"
            svg += "<rect x=\"90\" y=\"\(y)\" width=\"\(max(width, 2))\" height=\"24\" rx=\"4\" fill=\"\(colors[severity] ?? "#888")\"/>"
            svg +=
                "<text x=\"\(96 + max(width, 2))\" y=\"\(y + 17)\" font-size=\"13\" data-figure=\"drift_by_severity.\(severity)\">\(Int(values[index]))</text>"
        }
        return svg + "</svg>\n"
    }

    /// The latest events as dots along their sequence numbers, newest right, and as a table.
    static func timeline(_ events: [JSONValue]) -> String {
        guard !events.isEmpty else { return "<p>No drift events yet.</p>\n" }
        let width = 1000.0
        let seqs = events.compactMap { $0["seq"]?.numberValue }
        let low = seqs.min() ?? 0
        let span = max(1, (seqs.max() ?? 1) - low)
        var svg = "<svg width=\"\(Int(width) + 40)\" height=\"70\" role=\"img\" aria-label=\"drift timeline\">"
        svg += "<line x1=\"20\" y1=\"35\" x2=\"\(Int(width) + 20)\" y2=\"35\" stroke=\"#c3c8d2\"/>"
        for event in events {
            let x = 20 + width * ((event["seq"]?.numberValue ?? low) - low) / span
            let severity = event["severity"]?.stringValue ?? "info"
            let radius = severity == "critical" ? 9 : severity == "warning" ? 7 : 5
            svg += "<circle cx=\"\(Int(x))\" cy=\"35\" r=\"\(radius)\" fill=\"\(colors[severity] ?? "#888")\" fill-opacity=\"0.8\">"
            svg +=
                "<title>\(HTMLEscaping.escape(event["rule"]?.stringValue ?? "")) on \(HTMLEscaping.escape(event["screen"]?.stringValue ?? ""))</title></circle>"
        }
        svg += "</svg>\n<table><tr><th>seq</th><th>severity</th><th>kind</th><th>rule</th><th>screen</th><th>message</th></tr>\n"
        for event in events.reversed().prefix(20) {
            let severity = event["severity"]?.stringValue ?? "info"
            svg +=
                "<tr><td>\(event["seq"].map(text) ?? "")</td><td><span class=\"sev \(HTMLEscaping.escape(severity))\"></span>"
            svg += "\(HTMLEscaping.escape(severity))</td><td>\(event["kind"].map(text) ?? "")</td><td>\(event["rule"].map(text) ?? "")</td>"
            svg += "<td>\(event["screen"].map(text) ?? "")</td><td>\(event["message"].map(text) ?? "")</td></tr>\n"
        }
        return svg + "</table>\n"
    }
}
