import SystemZeroCore

/// The HTML export: one self-contained page (inline CSS and SVG, no scripts, no external assets) with the ledger's
/// size, root and latest signed checkpoint, then each selected drift event with its evidence, a picture of its screen
/// and the status of its inclusion proof against the exported tree size.
struct HTMLReport {
    let exporter: LedgerExporter
    let treeSize: UInt64
    let screens: ScreenCache

    init(exporter: LedgerExporter, treeSize: UInt64) {
        self.exporter = exporter
        self.treeSize = treeSize
        screens = ScreenCache(store: exporter.store, capacity: exporter.screenCacheSize)
    }

    var store: any LedgerStore { exporter.store }

    /// Writes the page; returns the number of drift events in it.
    func write(to buffer: inout ExportBuffer, progress: (UInt64) -> Void) async throws(LedgerError) -> UInt64 {
        let root = try await store.root(treeSize: treeSize)
        try await writeHeader(root: root, to: &buffer)
        var query = exporter.filter
        var count: UInt64 = 0
        if query.kind == nil || query.kind == "drift" {
            query.kind = "drift"
            count = try await exporter.forEachPage(query, below: treeSize, progress: progress) { page throws(LedgerError) in
                for entry in page {
                    try await writeEvent(entry, root: root, to: &buffer)
                    try await buffer.drainIfFull()
                }
            }
        }
        if count == 0 { buffer.append("<p class=\"empty\">No drift events match.</p>\n") }
        buffer.append("</main>\n<footer>\(count) drift event\(count == 1 ? "" : "s") · exported at tree size \(treeSize)</footer>\n")
        buffer.append("</body>\n</html>\n")
        return count
    }

    // MARK: - Header

    func writeHeader(root: Hash32, to buffer: inout ExportBuffer) async throws(LedgerError) {
        buffer.append(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(Self.metaPolicy)">
            <title>System//Zero ledger export</title>
            <style>\(Self.stylesheet)</style>
            </head>
            <body>
            <header>
            <h1>System//Zero ledger export</h1>
            <table class="facts">

            """)
        buffer.append("<tr><th>Ledger size</th><td>\(treeSize) entr\(treeSize == 1 ? "y" : "ies")</td></tr>\n")
        buffer.append("<tr><th>Root</th><td><code>\(root.base64)</code></td></tr>\n")
        buffer.append("<tr><th>Filters</th><td>")
        let filters = filterDescriptions()
        if filters.isEmpty { buffer.append("none (all drift events)") }
        for (index, filter) in filters.enumerated() {
            if index > 0 { buffer.append(", ") }
            buffer.append("\(filter.name) <code>")
            buffer.appendEscaped(filter.value)
            buffer.append("</code>")
        }
        buffer.append("</td></tr>\n</table>\n<h2>Latest signed checkpoint</h2>\n")
        if let checkpoint = try await store.latestCheckpoint() {
            buffer.append("<pre class=\"checkpoint\">")
            buffer.appendEscaped(checkpoint.note)
            buffer.append("</pre>\n")
            if checkpoint.size <= treeSize {
                let expected = try await store.root(treeSize: checkpoint.size)
                let lines = checkpoint.note.split(separator: "\n", omittingEmptySubsequences: false)
                if lines.count > 2, lines[2] == expected.base64 {
                    buffer.append("<p class=\"proof ok\">✓ its root matches the ledger's tree of size \(checkpoint.size)</p>\n")
                } else {
                    buffer.append("<p class=\"proof bad\">✗ its root does not match the ledger's tree of size \(checkpoint.size)</p>\n")
                }
            }
        } else {
            buffer.append("<p class=\"note\">No signed checkpoint yet (<code>systemzero ledger checkpoint</code> makes one).</p>\n")
        }
        buffer.append("</header>\n<main>\n")
    }

    func filterDescriptions() -> [(name: String, value: String)] {
        let filter = exporter.filter
        var result: [(name: String, value: String)] = []
        if let kind = filter.kind { result.append(("kind", kind)) }
        if let screen = filter.screen { result.append(("screen", screen)) }
        if let session = filter.session { result.append(("session", session)) }
        if let severity = filter.minimumSeverity { result.append(("severity ≥", severity.rawValue)) }
        if let since = filter.since { result.append(("since", since)) }
        if filter.fromSeq > 0 { result.append(("from entry", String(filter.fromSeq))) }
        return result
    }

    // MARK: - Events

    func writeEvent(_ entry: LedgerEntry, root: Hash32, to buffer: inout ExportBuffer) async throws(LedgerError) {
        let value = entry.json
        let event = value["event"] ?? .null
        let severity = event["severity"]?.stringValue ?? ""
        let level = DriftEvent.Severity(rawValue: severity)?.rawValue ?? "unknown"
        buffer.append("<article class=\"event sev-\(level)\" id=\"entry-\(entry.seq)\">\n<h2><span class=\"badge \(level)\">")
        buffer.appendEscaped(severity.isEmpty ? "?" : severity)
        buffer.append("</span> <span class=\"rule\">")
        buffer.appendEscaped(event["rule"]?.stringValue ?? "?")
        buffer.append("</span> <a class=\"seq\" href=\"#entry-\(entry.seq)\">entry \(entry.seq)</a></h2>\n<dl class=\"meta\">")
        for (label, field) in [
            ("Screen", event["screen"]), ("Session", event["session"]), ("Kind", event["kind"]), ("Time", value["time"]),
        ] {
            buffer.append("<dt>\(label)</dt><dd>")
            if let text = field?.stringValue { buffer.appendEscaped(text) } else { buffer.append("—") }
            buffer.append("</dd>")
        }
        buffer.append("</dl>\n<p class=\"message\">")
        buffer.appendEscaped(event["message"]?.stringValue ?? "")
        buffer.append("</p>\n")
        let evidence = event["evidence"]?.arrayValue ?? []
        Self.appendEvidence(evidence, to: &buffer)
        if let captureSeq = value["capture_seq"]?.integerValue(as: UInt64.self) {
            switch try await screens.screen(forCapture: captureSeq) {
            case .screen(let screen):
                let paths = evidence.compactMap { $0["path"]?.stringValue }
                ScreenPicture.append(screen, evidencePaths: paths, captureSeq: captureSeq, to: &buffer)
            case .unavailable(let reason):
                buffer.append("<p class=\"note\">")
                buffer.appendEscaped(reason)
                buffer.append("</p>\n")
            }
        } else {
            buffer.append("<p class=\"note\">This event names no capture.</p>\n")
        }
        let status = try await proofStatus(entry, root: root)
        buffer.append("<p class=\"proof \(status.ok ? "ok" : "bad")\">")
        buffer.appendEscaped(status.text)
        buffer.append("</p>\n</article>\n")
    }

    static func appendEvidence(_ evidence: [JSONValue], to buffer: inout ExportBuffer) {
        guard !evidence.isEmpty else {
            buffer.append("<p class=\"note\">No evidence recorded.</p>\n")
            return
        }
        buffer.append("<table class=\"evidence\"><thead><tr><th>Path</th><th>Text</th><th>Before</th><th>After</th></tr></thead><tbody>\n")
        for item in evidence {
            buffer.append("<tr>")
            for key in ["path", "text", "before", "after"] {
                buffer.append(key == "path" ? "<td><code>" : "<td>")
                if let text = item[key]?.stringValue {
                    buffer.appendEscaped(text)
                } else if let other = item[key], !other.isNull {
                    buffer.appendEscaped(JSONWriter(style: .compact).string(other))
                }
                buffer.append(key == "path" ? "</code></td>" : "</td>")
            }
            buffer.append("</tr>\n")
        }
        buffer.append("</tbody></table>\n")
    }

    /// Recomputes the entry's leaf hash from its data, then checks its inclusion proof against the exported root.
    func proofStatus(_ entry: LedgerEntry, root: Hash32) async throws(LedgerError) -> (ok: Bool, text: String) {
        let leaf = MerkleHash.leaf(entry.data)
        guard leaf == entry.leafHash else { return (false, "✗ the entry's data does not match its leaf hash: it was altered") }
        let proof: [Hash32]
        do throws(LedgerError) {
            proof = try await store.inclusionProof(seq: entry.seq, treeSize: treeSize)
        } catch {
            if error.kind == .storage { throw error }
            return (false, "✗ no inclusion proof: \(error.message)")
        }
        do throws(ProofError) {
            try MerkleProof.verifyInclusion(leafHash: leaf, index: entry.seq, treeSize: treeSize, proof: proof, root: root)
        } catch {
            return (false, "✗ the inclusion proof does not verify: \(Self.describe(error))")
        }
        return (true, "✓ included in tree of size \(treeSize)")
    }

    static func describe(_ error: ProofError) -> String {
        switch error {
        case .rootMismatch: "it leads to another root"
        case .wrongProofLength(let actual, let expected): "it has \(actual) hashes instead of \(expected)"
        case .indexOutOfRange(let index, let size): "entry \(index) is beyond the tree of size \(size)"
        default: "\(error)"
        }
    }

    /// The report's policy when opened from disk, where no header carries one (``StrictPagePolicy``).
    static let metaPolicy = StrictPagePolicy.policy(stylesheets: [stylesheet], inMetaElement: true)

    /// The report's one stylesheet; the outline's indentation is a class a level (`d0` … `d40`), not a `style` attribute.
    static let stylesheet = css + (0...ScreenPicture.maxOutlineIndent).map { ".outline .d\($0){padding-left:\($0 * 12)px}" }.joined()

    static let css = """
        body{font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1d1d1f;\
        background:#f4f5f7}
        header,main,footer{max-width:1040px;margin:0 auto;padding:16px 24px}
        header{background:#fff;border-bottom:1px solid #ddd}
        h1{font-size:22px;margin:8px 0 12px}h2{font-size:16px;margin:8px 0}
        code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
        pre.checkpoint{background:#f6f8fa;border:1px solid #ddd;padding:10px;overflow:auto;white-space:pre-wrap;word-break:break-all}
        table.facts th{text-align:left;padding-right:16px;font-weight:600}table.facts td{word-break:break-all}
        article.event{background:#fff;border:1px solid #ddd;border-left:6px solid #999;border-radius:6px;margin:16px 0;padding:12px 16px;\
        overflow:auto}
        article.sev-critical{border-left-color:#c62828}article.sev-warning{border-left-color:#ef8f00}
        article.sev-info{border-left-color:#1e6fd9}
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;background:#777;font-size:12px;text-transform:uppercase}
        .badge.critical{background:#c62828}.badge.warning{background:#ef8f00}.badge.info{background:#1e6fd9}
        .rule{font-family:ui-monospace,Menlo,Consolas,monospace}.seq{float:right;color:#777;font-size:12px;font-weight:400}
        dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}dl.meta dt{color:#666}dl.meta dd{margin:0}
        .message{font-weight:600}
        table.evidence{border-collapse:collapse;margin:8px 0;width:100%}
        table.evidence th,table.evidence td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;word-break:break-word}
        table.evidence th{background:#f6f8fa}
        figure.screen{margin:8px 0}figcaption{color:#666;font-size:12px}
        svg.shot{border:1px solid #bbb;background:#fff;display:block}
        svg .bg{fill:#fafafa}svg .box{fill:none;stroke:#bbb;stroke-width:.5}
        svg .txt{fill:#eef0f3;stroke:#ccc;stroke-width:.4}svg .act{fill:#dbe8ff;stroke:#1e6fd9;stroke-width:.8}
        svg .lnk{fill:none;stroke:#1e6fd9;stroke-width:.8;stroke-dasharray:2 1}svg .inp{fill:#fff;stroke:#2e7d32;stroke-width:.8}
        svg text{font-family:Helvetica,Arial,sans-serif;fill:#222}svg .hit{fill:rgba(221,0,0,.08);stroke:#d00;stroke-width:2}
        .outline{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;border:1px solid #ddd;padding:6px;max-height:420px;\
        overflow:auto}
        .outline .hit{color:#c00;font-weight:700;outline:2px solid #d00}
        .note{color:#666;font-style:italic}.proof.ok{color:#2e7d32;font-weight:600}.proof.bad{color:#c62828;font-weight:700}
        footer{color:#666}
        """
}
