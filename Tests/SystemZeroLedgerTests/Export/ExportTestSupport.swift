import Foundation
import SystemZeroCore

@testable import SystemZeroLedger

/// A ledger of real pipeline results (with hostile names), for export tests.
enum ExportFixture {
    static let script = "<script>alert(1)</script>"
    static let quotes = "\"&'"
    /// A message that needs every kind of CSV quoting.
    static let awkwardMessage = "Line one, with \"quotes\"\nline two\r\nand ünïcödé ✓"

    static func temporaryDirectory() -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("sz-export-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// An Android offer screen (1080×2340, with bounds); `timer` adds a countdown node with that name.
    static func offer(payout: String = "$7.50", timer: String? = nil) -> Capture {
        var children = [
            UINode(role: .text, name: payout, id: "a:id/payout_label", bounds: Bounds(x: 60, y: 1040, width: 600, height: 140)),
            UINode(role: .text, name: quotes, id: "a:id/restaurant_name", bounds: Bounds(x: 60, y: 1700, width: 960, height: 70)),
            UINode(role: .button, name: "Accept", id: "a:id/accept_button", bounds: Bounds(x: 60, y: 1900, width: 960, height: 160)),
            UINode(role: .link, name: "Decline", id: "a:id/decline_button", bounds: Bounds(x: 60, y: 2100, width: 960, height: 160)),
        ]
        if let timer { children.append(UINode(role: .timer, name: timer, bounds: Bounds(x: 700, y: 300, width: 300, height: 120))) }
        return Capture(
            app: "com.example.driver", session: quotes, viewport: Viewport(width: 1080, height: 2340),
            tree: UINode(role: .window, name: "Offer", bounds: Bounds(x: 0, y: 0, width: 1080, height: 2340), children: children))
    }

    /// A web page captured through ARIA: no bounds at all.
    static func webPage(timer: Bool) -> Capture {
        var children = [
            UINode(role: .heading, name: "Checkout"), UINode(role: .textbox, name: "Card number", id: "card"),
            UINode(role: .button, name: "Pay now", id: "pay"),
        ]
        if timer { children.append(UINode(role: .timer, name: "Offer ends in 0:59")) }
        return Capture(app: "https://shop.example", session: "web-1", source: "aria", tree: UINode(role: .document, children: children))
    }

    /// Records captures and drift events (offer screens named `<script>…`, a web page without bounds, a hand-made
    /// event with an awkward message, a template), signs a checkpoint, and records one more capture.
    static func populate(_ ledger: Ledger) async throws {
        var offerTemplate = TemplateBuilder().build([offer(), offer(payout: "$1")], screenID: script)
        offerTemplate.forbidden = [try NodeSelector("timer")]
        var webTemplate = TemplateBuilder().build([webPage(timer: false)], screenID: "checkout")
        webTemplate.forbidden = [try NodeSelector("timer")]
        let pipeline = DriftPipeline(library: TemplateLibrary(templates: [offerTemplate, webTemplate]))
        var session = SessionState(id: quotes)
        _ = try await ledger.record(pipeline.process(offer(), session: &session))
        _ = try await ledger.record(pipeline.process(offer(payout: "$3.10", timer: script), session: &session))
        var web = SessionState(id: "web-1")
        _ = try await ledger.record(pipeline.process(webPage(timer: true), session: &web))
        _ = try await ledger.record(template: offerTemplate, yaml: TemplateWriter.yaml(offerTemplate), action: "approve")
        let event = DriftEvent(
            kind: .manipulative, severity: .critical, rule: "false_urgency", screen: "manual", session: "s2", message: awkwardMessage,
            evidence: [DriftEvent.Evidence(path: "window/timer", text: "0:10", before: nil, after: "0:09")])
        let capture = LedgerRecord(kind: "capture", body: [("screen", "manual"), ("session", "s2")], screen: "manual", session: "s2")
        let drift = LedgerRecord(
            kind: "drift", body: [("event", event.json)], linksToFirstInBatch: true, screen: "manual", session: "s2", severity: "critical")
        _ = try await ledger.store.append(LedgerBatch(records: [capture, drift]))
        _ = try await ledger.checkpoint()
        _ = try await ledger.record(pipeline.process(offer(payout: "$4"), session: &session))
    }

    /// Every entry of the ledger, in order.
    static func allEntries(_ store: any LedgerStore, _ query: LedgerQuery = LedgerQuery()) async throws -> [LedgerEntry] {
        var query = query
        query.limit = 1_000_000
        return try await store.query(query)
    }
}

/// A small RFC 4180 reader: quoted fields may hold commas, doubled quotes, CR and LF.
enum CSVReader {
    struct Malformed: Error {}

    static func rows(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var afterQuote = false
        let bytes = Array(text.utf8)
        var index = 0
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field = []
            afterQuote = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                guard field.isEmpty, !afterQuote else { throw Malformed() }
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                endField()
                rows.append(row)
                row = []
                index += 1
            } else {
                guard !afterQuote, byte != 0x0A, byte != 0x0D else { throw Malformed() }
                field.append(byte)
            }
            index += 1
        }
        guard !quoted else { throw Malformed() }
        if !field.isEmpty || !row.isEmpty {
            endField()
            rows.append(row)
        }
        return rows
    }
}

/// A store that serves one entry with altered data (as a tampered database would), for the HTML proof check.
struct TamperingStore: LedgerStore {
    let base: any LedgerStore
    let victim: UInt64

    func alter(_ entry: LedgerEntry) -> LedgerEntry {
        guard entry.seq == victim else { return entry }
        // Rewrites the message, keeping the JSON valid.
        let text = String(decoding: entry.data, as: UTF8.self).replacingOccurrences(of: "\"message\":\"", with: "\"message\":\"Nothing: ")
        return LedgerEntry(seq: entry.seq, data: Array(text.utf8), leafHash: entry.leafHash)
    }

    func append(_ batch: LedgerBatch) async throws(LedgerError) -> [UInt64] { try await base.append(batch) }
    func size() async throws(LedgerError) -> UInt64 { try await base.size() }
    func entry(_ seq: UInt64) async throws(LedgerError) -> LedgerEntry? { try await base.entry(seq).map(alter) }
    func entries(from seq: UInt64, limit: Int) async throws(LedgerError) -> [LedgerEntry] {
        try await base.entries(from: seq, limit: limit).map(alter)
    }
    func query(_ query: LedgerQuery) async throws(LedgerError) -> [LedgerEntry] { try await base.query(query).map(alter) }
    func blob(_ hash: String) async throws(LedgerError) -> [UInt8]? { try await base.blob(hash) }
    func root(treeSize: UInt64) async throws(LedgerError) -> Hash32 { try await base.root(treeSize: treeSize) }
    func inclusionProof(seq: UInt64, treeSize: UInt64) async throws(LedgerError) -> [Hash32] {
        try await base.inclusionProof(seq: seq, treeSize: treeSize)
    }
    func consistencyProof(from size1: UInt64, to size2: UInt64) async throws(LedgerError) -> [Hash32] {
        try await base.consistencyProof(from: size1, to: size2)
    }
    func saveCheckpoint(size: UInt64, note: String) async throws(LedgerError) { try await base.saveCheckpoint(size: size, note: note) }
    func latestCheckpoint() async throws(LedgerError) -> (size: UInt64, note: String)? { try await base.latestCheckpoint() }
    func checkpoints() async throws(LedgerError) -> [(size: UInt64, note: String)] { try await base.checkpoints() }
    func statistics(capturesSince: String) async throws(LedgerError) -> LedgerStatistics {
        try await base.statistics(capturesSince: capturesSince)
    }
}

/// A sink that records the chunks it is given.
final class ChunkSink: ExportSink {
    var chunks: [Int] = []
    var bytes: [UInt8] = []

    func write(_ chunk: [UInt8]) throws(LedgerError) {
        chunks.append(chunk.count)
        bytes.append(contentsOf: chunk)
    }

    func finish() throws(LedgerError) {}
}
