import Foundation
import SystemZeroCore

/// Export throughput, for reports such as "export 1,000,000 entries ≥ 100,000 entries/s with RSS < 64 MB".
///
/// ```swift
/// let result = try await ExportBenchmark.run(entries: 1_000_000, format: .ndjson)
/// print(Int(result.entriesPerSecond), result.peakRSSBytes >> 20)
/// ```
public enum ExportBenchmark {
    /// One measured export.
    public struct Result: Sendable, Hashable {
        /// The entries exported.
        public var entries: UInt64
        /// The bytes written to `/dev/null`.
        public var bytes: UInt64
        /// The time the export took (seeding excluded).
        public var seconds: Double
        /// `entries / seconds`.
        public var entriesPerSecond: Double
        /// The process's peak resident set size when the export ended, in bytes. It covers the whole process so far:
        /// seed in an earlier run (pass the same `directory`) to measure the export alone.
        public var peakRSSBytes: Int
    }

    /// Exports `count` entries of the ledger in `directory` to `/dev/null` and returns the throughput.
    ///
    /// With no `directory`, a fresh temporary ledger is seeded with `count` synthetic entries (see
    /// ``seed(_:count:batchSize:)``) and removed afterwards. A `directory` whose ledger is empty is seeded and kept, so a
    /// second run measures the export alone; one that holds at least `count` entries has its last `count` exported.
    /// Seeding is not timed.
    ///
    /// - Throws: ``LedgerError/Kind/invalidRequest`` for a ledger that holds some entries but fewer than `count`:
    ///   synthetic entries are never added to a ledger with real ones.
    public static func run(
        entries count: Int, format: ExportFormat = .ndjson, directory: String? = nil
    ) async throws(LedgerError) -> Result {
        let count = max(0, count)
        let folder =
            directory ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("systemzero-export-bench-\(UUID().uuidString)")
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let store = try SQLiteLedgerStore(path: (folder as NSString).appendingPathComponent("ledger.sqlite"))
        var size = try await store.size()
        if size == 0 {
            try await seed(store, count: count)
            size = try await store.size()
        }
        guard size >= UInt64(count) else {
            throw LedgerError(
                .invalidRequest, "the ledger in \(folder) holds \(size) entries, fewer than \(count); use an empty or a larger one")
        }
        guard let handle = FileHandle(forWritingAtPath: "/dev/null") else { throw LedgerError(.storage, "cannot open /dev/null") }
        defer { try? handle.close() }
        let clock = ContinuousClock()
        let start = clock.now
        let exporter = LedgerExporter(store: store, filter: LedgerQuery(fromSeq: size - UInt64(count)))
        let summary = try await exporter.export(format, to: FileHandleSink(handle: handle, name: "/dev/null"))
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(
            entries: summary.entries, bytes: summary.bytes, seconds: seconds,
            entriesPerSecond: seconds > 0 ? Double(summary.entries) / seconds : 0, peakRSSBytes: peakRSS())
    }

    /// Appends `count` synthetic entries shaped like real pipeline output: each capture of a 1080×2340 offer screen
    /// (its tree stored once as a blob) followed by three drift events whose evidence names its nodes.
    public static func seed(_ store: any LedgerStore, count: Int, batchSize: Int = 1_000) async throws(LedgerError) {
        let sample = Sample()
        var remaining = max(0, count)
        var first = true
        while remaining > 0 {
            let base = try await store.size()
            let records = (0..<min(remaining, max(1, batchSize))).map { index in
                let seq = base + UInt64(index)
                // Groups of four: a capture, then three drift events linked to it.
                let offset = seq % 4
                return offset == 0 ? sample.capture(seq: seq) : sample.drift(seq: seq, captureSeq: seq - offset, variant: Int(offset))
            }
            _ = try await store.append(LedgerBatch(records: records, blobs: first ? [sample.blob] : []))
            first = false
            remaining -= records.count
        }
    }

    /// The process's peak resident set size, in bytes.
    public static func peakRSS() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)
        #else
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
        #endif
    }

    /// A synthetic screen and the entries about it.
    struct Sample {
        let blob: LedgerBlob
        let tree: UITree
        let paths: [String]

        init() {
            let capture = Capture(
                app: "com.example.driver", session: "bench", capturedAt: "2026-01-01T00:00:00Z", source: "android-uiautomator",
                viewport: Viewport(width: 1080, height: 2340),
                tree: UINode(
                    role: .window, name: "Offer", bounds: Bounds(x: 0, y: 0, width: 1080, height: 2340),
                    children: [
                        UINode(role: .heading, name: "New offer", bounds: Bounds(x: 60, y: 120, width: 960, height: 120)),
                        UINode(
                            role: .text, name: "$7.50", id: "com.example:id/payout", bounds: Bounds(x: 60, y: 1040, width: 600, height: 140)
                        ),
                        UINode(role: .timer, name: "0:30", bounds: Bounds(x: 800, y: 1040, width: 220, height: 140)),
                        UINode(
                            role: .button, name: "Accept", id: "com.example:id/accept",
                            bounds: Bounds(x: 60, y: 1900, width: 960, height: 160)),
                        UINode(
                            role: .link, name: "Decline", id: "com.example:id/decline",
                            bounds: Bounds(x: 60, y: 2100, width: 300, height: 60)),
                    ]))
            let tree = UITree(capture: capture, root: capture.tree)
            self.tree = tree
            blob = LedgerBlob(data: JSONWriter(style: .canonical).bytes(NativeCaptureCodec.encode(capture)))
            paths = (0..<tree.count).map { tree.path(of: $0) }
        }

        func capture(seq: UInt64) -> LedgerRecord {
            LedgerRecord(
                kind: "capture",
                body: [
                    ("app", .optional(tree.app)), ("session", "bench"), ("source", .optional(tree.source)),
                    ("captured_at", .optional(tree.capturedAt)), ("screen", "offer"), ("score", 0.93),
                    ("structure_signature", .string(tree.structureSignature)), ("content_signature", .string(tree.contentSignature)),
                    ("node_count", .number(Double(tree.count))), ("tree", .string(blob.hash)), ("events", 3),
                ], screen: "offer", session: "bench")
        }

        func drift(seq: UInt64, captureSeq: UInt64, variant: Int) -> LedgerRecord {
            let severity = DriftEvent.Severity.allCases[variant % 3]
            let event = DriftEvent(
                kind: .manipulative, severity: severity, rule: ["countdown", "prominence", "forbidden_present"][variant % 3],
                screen: "offer",
                session: "bench", message: "The offer screen shows a countdown timer and hides the decline option.",
                evidence: [
                    DriftEvent.Evidence(path: paths[3], text: "0:30"),
                    DriftEvent.Evidence(path: paths[4], text: "Accept", before: "960×160", after: "960×160"),
                ])
            return LedgerRecord(
                kind: "drift", body: [("capture_seq", .number(Double(captureSeq))), ("event", event.json)], screen: "offer",
                session: "bench",
                severity: severity.rawValue)
        }
    }
}
