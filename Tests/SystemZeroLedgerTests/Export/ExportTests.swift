import Foundation
import SystemZeroCore
import Testing

@testable import SystemZeroLedger

struct ExportTests {
    func makeLedger() async throws -> (Ledger, String) {
        let directory = ExportFixture.temporaryDirectory()
        let ledger = try Ledger(directory: directory)
        try await ExportFixture.populate(ledger)
        return (ledger, directory)
    }

    func export(
        _ store: any LedgerStore, _ format: ExportFormat, _ filter: LedgerQuery = LedgerQuery(), pageSize: Int = 3
    ) async throws -> (String, ExportSummary) {
        let sink = MemorySink()
        let summary = try await LedgerExporter(store: store, filter: filter, pageSize: pageSize).export(format, to: sink)
        #expect(sink.finished)
        #expect(summary.bytes == UInt64(sink.bytes.count))
        return (sink.string, summary)
    }

    /// The entry as Foundation objects, with its leaf hash added.
    func expectedObject(_ entry: LedgerEntry) throws -> NSDictionary {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(entry.data)) as? [String: Any])
        object["leaf_hash"] = entry.leafHash.base64
        return object as NSDictionary
    }

    @Test func jsonHoldsEveryEntryInOrder() async throws {
        let (ledger, directory) = try await makeLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let entries = try await ExportFixture.allEntries(ledger.store)
        #expect(entries.count >= 10)
        let (text, summary) = try await export(ledger.store, .json)
        #expect(summary.entries == UInt64(entries.count))
        #expect(summary.treeSize == UInt64(entries.count))
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == entries.count)
        for (object, entry) in zip(array, entries) {
            #expect(object as NSDictionary == (try expectedObject(entry)))
        }
    }

    @Test func ndjsonHoldsOneEntryPerLine() async throws {
        let (ledger, directory) = try await makeLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let entries = try await ExportFixture.allEntries(ledger.store)
        let (text, _) = try await export(ledger.store, .ndjson)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == entries.count)
        for (line, entry) in zip(lines, entries) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object as NSDictionary == (try expectedObject(entry)))
        }
    }

    @Test func csvFollowsRFC4180() async throws {
        let (ledger, directory) = try await makeLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let entries = try await ExportFixture.allEntries(ledger.store)
        let (text, summary) = try await export(ledger.store, .csv)
        #expect(summary.entries == UInt64(entries.count))
        let rows = try CSVReader.rows(text)
        #expect(rows.first == ["seq", "time", "kind", "screen", "session", "severity", "rule", "message", "data"])
        #expect(rows.count == entries.count + 1)
        var sawAwkward = false
        for (row, entry) in zip(rows.dropFirst(), entries) {
            let value = entry.json
            #expect(row.count == 9)
            #expect(row[0] == String(entry.seq))
            #expect(row[1] == value["time"]?.stringValue)
            #expect(row[2] == value["kind"]?.stringValue)
            #expect(row[8] == String(decoding: entry.data, as: UTF8.self))
            if let event = value["event"] {
                #expect(row[3] == event["screen"]?.stringValue)
                #expect(row[5] == event["severity"]?.stringValue)
                #expect(row[6] == event["rule"]?.stringValue)
                #expect(row[7] == event["message"]?.stringValue)
                if row[7] == ExportFixture.awkwardMessage { sawAwkward = true }
            } else if value["kind"]?.stringValue == "template" {
                #expect(row[3] == value["screen_id"]?.stringValue)
            } else {
                #expect(row[3] == value["screen"]?.stringValue)
                #expect(row[4] == (value["session"]?.stringValue ?? ""))
            }
        }
        #expect(sawAwkward)
        #expect(text.contains("\"Line one, with \"\"quotes\"\"\nline two\r\nand ünïcödé ✓\""))
    }

    @Test func csvScannerAgreesWithTheParser() async throws {
        let (ledger, directory) = try await makeLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for entry in try await ExportFixture.allEntries(ledger.store) {
            let fast = try #require(LedgerExporter.fastColumns(entry.data))
            #expect(fast == LedgerExporter.slowColumns(entry.json))
        }
        let tricky = [
            #"{ "a" : [ "}", {"b": "]\"{"} ], "event" : { "rule" : "r\u00e9\ud83d\ude00\n", "severity": null, "message": 12500 },"#
                + #" "kind": "drift", "session": {"x":[1,true]}, "time": false }"#,
            #"{"event":"not an object","screen":"s","screen_id":"t"}"#,
            #"{"screen_id":"\"\\\/\b\f\r\t"}"#,
            "{}",
        ]
        for text in tricky {
            let bytes = Array(text.utf8)
            let value = try JSONParser().parse(bytes)
            let fast = try #require(LedgerExporter.fastColumns(bytes), "\(text)")
            #expect(fast == LedgerExporter.slowColumns(value), "\(text)")
        }
        for broken in [#"{"a":"#, #"{"a" 1}"#, #"{"time":"\q"}"#, "[1]", #"{"a":1}x"#] {
            #expect(LedgerExporter.fastColumns(Array(broken.utf8)) == nil, "\(broken)")
        }
    }

    @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
        func field(_ text: String) -> String {
            var buffer = ExportBuffer(sink: MemorySink())
            LedgerExporter.appendCSVField(Array(text.utf8), to: &buffer)
            return String(decoding: buffer.bytes, as: UTF8.self)
        }
        #expect(field("plain text") == "plain text")
        #expect(field("a,b") == "\"a,b\"")
        #expect(field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(field("two\nlines") == "\"two\nlines\"")
        #expect(field("cr\r") == "\"cr\r\"")
        #expect(field("\"") == "\"\"\"\"")
        #expect(field("") == "")
    }

    @Test func filtersSelectWhatTheLogSelects() async throws {
        let (ledger, directory) = try await makeLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let filters = [
            LedgerQuery(kind: "drift"), LedgerQuery(kind: "capture"), LedgerQuery(screen: ExportFixture.script),
            LedgerQuery(session: ExportFixture.quotes), LedgerQuery(minimumSeverity: .critical), LedgerQuery(minimumSeverity: .warning),
            LedgerQuery(kind: "capture", session: "web-1"), LedgerQuery(since: "2999-01-01T00:00:00.000Z"),
            LedgerQuery(since: "2000-01-01T00:00:00.000Z"), LedgerQuery(fromSeq: 3),
        ]
        var nonEmpty = 0
        for filter in filters {
            let expected = try await ExportFixture.allEntries(ledger.store, filter).map(\.seq)
            let (text, summary) = try await export(ledger.store, .ndjson, filter, pageSize: 2)
            let seqs = text.split(separator: "\n").map { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["seq"] as? Int
            }
            #expect(seqs.map { $0.map(UInt64.init) } == expected.map { Optional($0) }, "\(filter)")
            #expect(summary.entries == UInt64(expected.count))
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty == filters.count - 1)
        let (csv, _) = try await export(ledger.store, .csv, LedgerQuery(kind: "drift", minimumSeverity: .critical))
        let rows = try CSVReader.rows(csv).dropFirst()
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0[2] == "drift" && $0[5] == "critical" })
    }

    @Test func htmlEscapesHostileNamesDrawsScreensAndProvesInclusion() async throws {
        let (ledger, directory) = try await makeLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let size = try await ledger.store.size()
        let drifts = try await ExportFixture.allEntries(ledger.store, LedgerQuery(kind: "drift"))
        let (html, summary) = try await export(ledger.store, .html)
        #expect(summary.entries == UInt64(drifts.count))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        // Hostile names appear, escaped, and never raw; no script at all, no external assets.
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&amp;&#39;"))
        #expect(!html.contains(ExportFixture.script))
        #expect(!html.contains(ExportFixture.quotes))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href=\"http") && !html.contains("@import"))
        // Header: size, root, the latest checkpoint (taken one capture ago) and its check.
        let root = try await ledger.store.root(treeSize: size)
        #expect(html.contains("\(size) entries"))
        #expect(html.contains(root.base64))
        let checkpoint = try #require(try await ledger.store.latestCheckpoint())
        #expect(checkpoint.size < size)
        #expect(html.contains("<pre class=\"checkpoint\">systemzero.local/ledger\n\(checkpoint.size)\n"))
        #expect(html.contains("✓ its root matches the ledger's tree of size \(checkpoint.size)"))
        // One article per drift event, each with a verified inclusion proof.
        #expect(html.components(separatedBy: "<article ").count - 1 == drifts.count)
        #expect(html.components(separatedBy: "✓ included in tree of size \(size)").count - 1 == drifts.count)
        #expect(!html.contains("✗"))
        // The offer screen: an SVG scaled to 270 px wide with the timer (the evidence) outlined in red.
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"shot\" width=\"270\" height=\"585\""))
        #expect(
            html.contains(
                "<rect class=\"hit\" fill=\"none\" stroke=\"#d00\" stroke-width=\"2\" x=\"175\" y=\"75\" width=\"75\" height=\"30\">"))
        #expect(html.components(separatedBy: "<svg").count == html.components(separatedBy: "</svg>").count)
        #expect(html.contains("class=\"act\""))
        #expect(html.contains("class=\"lnk\""))
        // The web page has no bounds: a text outline with the evidence node marked.
        #expect(html.contains("<div class=\"outline\">"))
        #expect(html.contains(" hit\">timer <q>"))
        // No style attribute anywhere: the page's policy allows its one stylesheet and nothing inline.
        #expect(!html.contains(" style=\""))
        #expect(html.contains("timer <q>Offer ends in 0:59</q>"))
        // The hand-made event names a capture without a tree.
        #expect(html.contains("Capture entry") && html.contains("names no tree."))
        #expect(html.contains("badge critical") && html.contains("badge warning"))
    }

    @Test func htmlFlagsAnEntryWhoseDataWasAltered() async throws {
        let (ledger, directory) = try await makeLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let drifts = try await ExportFixture.allEntries(ledger.store, LedgerQuery(kind: "drift"))
        let victim = try #require(drifts.first).seq
        let (html, _) = try await export(TamperingStore(base: ledger.store, victim: victim), .html)
        #expect(html.contains("Nothing: "))
        #expect(html.components(separatedBy: "class=\"proof bad\"").count - 1 == 1)
        #expect(html.contains("✗ the entry&#39;s data does not match its leaf hash"))
        #expect(html.components(separatedBy: "✓ included in tree of size").count - 1 == drifts.count - 1)
    }

    @Test func htmlHonoursFiltersAndRefusesOtherKinds() async throws {
        let (ledger, directory) = try await makeLedger()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let critical = try await ExportFixture.allEntries(ledger.store, LedgerQuery(kind: "drift", minimumSeverity: .critical))
        let (html, summary) = try await export(ledger.store, .html, LedgerQuery(minimumSeverity: .critical))
        #expect(summary.entries == UInt64(critical.count))
        #expect(html.components(separatedBy: "<article ").count - 1 == critical.count)
        #expect(!html.contains("badge warning"))
        #expect(html.contains("severity ≥ <code>critical</code>"))
        let (captures, none) = try await export(ledger.store, .html, LedgerQuery(kind: "capture"))
        #expect(none.entries == 0)
        #expect(captures.contains("No drift events match."))
    }

    @Test func emptyLedgerExports() async throws {
        let directory = ExportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = try Ledger(directory: directory)
        #expect(try await export(ledger.store, .json).0 == "[]\n")
        #expect(try await export(ledger.store, .ndjson).0 == "")
        #expect(try await export(ledger.store, .csv).0 == "seq,time,kind,screen,session,severity,rule,message,data\r\n")
        let html = try await export(ledger.store, .html).0
        #expect(html.contains("0 entries") && html.contains("No signed checkpoint yet") && html.contains("No drift events match."))
    }

    @Test func streamsInChunksAndReportsProgress() async throws {
        let directory = ExportFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteLedgerStore(path: (directory as NSString).appendingPathComponent("ledger.sqlite"))
        try await ExportBenchmark.seed(store, count: 2_500, batchSize: 700)
        #expect(try await store.size() == 2_500)
        let sink = ChunkSink()
        var reports: [UInt64] = []
        let summary = try await LedgerExporter(store: store, pageSize: 100, progressInterval: 1_000).export(.ndjson, to: sink) {
            reports.append($0)
        }
        #expect(reports == [1_000, 2_000])
        #expect(summary.entries == 2_500)
        #expect(sink.chunks.count > 10)
        #expect(sink.chunks.dropLast().allSatisfy { $0 >= ExportBuffer.chunkSize && $0 < ExportBuffer.chunkSize + 4_096 })
        let lines = String(decoding: sink.bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2_500)
        let seqs = lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["seq"] as? Int }
        #expect(seqs == Array(0..<2_500))
        // The seeded screens draw, with the drift evidence outlined.
        let html = MemorySink()
        let drifts = try await LedgerExporter(store: store, filter: LedgerQuery(fromSeq: 2_400)).export(.html, to: html)
        #expect(drifts.entries == 75)
        #expect(html.string.components(separatedBy: "<rect class=\"hit\"").count - 1 == 150)
        #expect(html.string.components(separatedBy: "✓ included in tree of size 2500").count - 1 == 75)
    }

    @Test func benchmarkHookReportsThroughput() async throws {
        let result = try await ExportBenchmark.run(entries: 1_000, format: .csv)
        #expect(result.entries == 1_000)
        #expect(result.bytes > 100_000)
        #expect(result.entriesPerSecond > 0)
        #expect(result.peakRSSBytes > 0)
    }

    @Test func escapingCoversMarkupQuotesAndControls() {
        #expect(
            HTMLEscaping.escape("<a href=\"x\">&'</a>\u{0}\u{7F}\tok")
                == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;\u{FFFD}\u{FFFD}\tok")
        #expect(HTMLEscaping.escape("ünïcödé ✓") == "ünïcödé ✓")
    }
}
