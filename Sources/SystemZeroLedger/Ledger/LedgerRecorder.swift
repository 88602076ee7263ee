import SystemZeroCore

/// Turns what the pipeline made of a capture into ledger entries: one `capture` entry and one `drift` entry per event,
/// appended together. The normalized tree is stored once as a blob (canonical native JSON) and the capture entry names
/// its SHA-256.
///
/// Capture entry: `{seq, time, kind: "capture", prev_root, app, session, source, captured_at, screen, score,
/// structure_signature, content_signature, node_count, tree, events}`.
/// Drift entry: `{seq, time, kind: "drift", prev_root, capture_seq, event: {kind, severity, rule, screen, session, message,
/// evidence}}`.
public enum LedgerRecorder {
    public static func batch(for result: DriftPipeline.Result) -> LedgerBatch {
        let tree = result.tree
        let blob = LedgerBlob(data: NativeCaptureCodec.canonicalBytes(tree))
        let session = tree.session ?? result.events.first?.session
        let capture = LedgerRecord(
            kind: "capture",
            body: [
                ("app", .optional(tree.app)), ("session", .optional(session)), ("source", .optional(tree.source)),
                ("captured_at", .optional(tree.capturedAt)), ("screen", .string(result.match.screen)),
                ("score", .number((result.match.score * 1000).rounded() / 1000)), ("structure_signature", .string(tree.structureSignature)),
                ("content_signature", .string(tree.contentSignature)), ("node_count", .number(Double(tree.count))),
                ("tree", .string(blob.hash)),
                ("events", .number(Double(result.events.count))),
            ], screen: result.match.screen, session: session)
        let drifts = result.events.map { event in
            LedgerRecord(
                kind: "drift", body: [("event", event.json)], linksToFirstInBatch: true, screen: event.screen,
                session: event.session ?? session,
                severity: event.severity.rawValue)
        }
        return LedgerBatch(records: [capture] + drifts, blobs: [blob])
    }

    /// A template version: a `template` entry naming the YAML, stored as a blob.
    public static func batch(template: Template, yaml: String, action: String) -> LedgerBatch {
        let blob = LedgerBlob(data: Array(yaml.utf8))
        let record = LedgerRecord(
            kind: "template",
            body: [
                ("action", .string(action)), ("screen_id", .string(template.screenID)), ("version", .number(Double(template.version))),
                ("structure_signature", .optional(template.structureSignature)), ("yaml", .string(blob.hash)),
            ], screen: template.screenID)
        return LedgerBatch(records: [record], blobs: [blob])
    }
}
