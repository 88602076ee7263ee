import Foundation
import SystemZeroCore
import SystemZeroLedger
import Testing

/// `systemzero export`, run as a user would.
struct ExportCommandTests {
    static let script = "<script>alert(1)</script>"

    func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sz-export-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A ledger with an offer screen named `<script>…` whose countdown timer is a forbidden node, and a checkpoint.
    func hostileLedger(in directory: URL) async throws -> Ledger {
        let ledger = try Ledger(directory: directory.appendingPathComponent("data").path)
        func offer(timer: String?) -> Capture {
            var children = [
                UINode(role: .text, name: "$7.50", id: "a:id/payout", bounds: Bounds(x: 60, y: 1040, width: 600, height: 140)),
                UINode(role: .button, name: "Accept", id: "a:id/accept", bounds: Bounds(x: 60, y: 1900, width: 960, height: 160)),
            ]
            if let timer { children.append(UINode(role: .timer, name: timer, bounds: Bounds(x: 700, y: 300, width: 300, height: 120))) }
            return Capture(
                app: "com.example", session: "\"&'", viewport: Viewport(width: 1080, height: 2340),
                tree: UINode(role: .window, name: "Offer", bounds: Bounds(x: 0, y: 0, width: 1080, height: 2340), children: children))
        }
        var template = TemplateBuilder().build([offer(timer: nil)], screenID: Self.script)
        template.forbidden = [try NodeSelector("timer")]
        let pipeline = DriftPipeline(library: TemplateLibrary(templates: [template]))
        var session = SessionState(id: "\"&'")
        _ = try await ledger.record(pipeline.process(offer(timer: nil), session: &session))
        _ = try await ledger.record(pipeline.process(offer(timer: Self.script), session: &session))
        _ = try await ledger.checkpoint()
        return ledger
    }

    @Test func exportsEachFormatToStandardOutput() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = try await hostileLedger(in: directory)
        let size = Int(try await ledger.store.size())
        let data = ["--data", ledger.directory]

        let json = try CLIRunner.run(["export", "--format", "json"] + data)
        #expect(json.status == 0, "\(json.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["seq"] as? Int } == (0..<size).map { Optional($0) })
        #expect(array.allSatisfy { ($0["leaf_hash"] as? String)?.count == 44 })

        let ndjson = try CLIRunner.run(["export", "--format", "ndjson", "--kind", "drift"] + data)
        #expect(ndjson.status == 0)
        let drifts = ndjson.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(!drifts.isEmpty)
        #expect(drifts.allSatisfy { $0["kind"] as? String == "drift" })

        let csv = try CLIRunner.run(["export", "--format", "csv", "--screen", Self.script, "--severity", "warning"] + data)
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("seq,time,kind,screen,session,severity,rule,message,data\r\n"))
        #expect(csv.stdout.contains(",drift,\(Self.script),\"\"\"&'\",warning,forbidden_present,"))

        let html = try CLIRunner.run(["export", "--format", "html"] + data)
        #expect(html.status == 0)
        #expect(html.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.stdout.contains(Self.script))
        #expect(!html.stdout.contains("\"&'"))
        #expect(html.stdout.contains("<svg"))
        #expect(html.stdout.contains("<rect class=\"hit\" fill=\"none\" stroke=\"#d00\""))
        #expect(html.stdout.contains("✓ included in tree of size \(size)"))

        let refused = try CLIRunner.run(["export", "--format", "html", "--kind", "capture"] + data)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("drift events only"))
    }

    @Test func exportsTwentyThousandEntriesToAFile() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataPath = directory.appendingPathComponent("data").path
        let ledger = try Ledger(directory: dataPath)
        try await ExportBenchmark.seed(ledger.store, count: 20_000)
        let out = directory.appendingPathComponent("out/export.ndjson")
        try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("stale\n".utf8).write(to: out)

        let result = try CLIRunner.run(["export", "--format", "ndjson", "--data", dataPath, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("exported 20000 entries (tree size 20000)"))
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.hasSuffix("}\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 20_000)
        var expected = 0
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard object?["seq"] as? Int == expected, object?["leaf_hash"] is String else {
                Issue.record("line \(expected) is not entry \(expected): \(line.prefix(120))")
                break
            }
            expected += 1
        }
        // Only the finished file is left: no temporary file beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path) == ["export.ndjson"])

        let csv = directory.appendingPathComponent("out/export.csv")
        let csvResult = try CLIRunner.run(["export", "--format", "csv", "--data", dataPath, "--out", csv.path, "--kind", "capture"])
        #expect(csvResult.status == 0)
        let rows = try String(contentsOf: csv, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 5_001)
    }

    @Test func aFailedExportLeavesNoFile() async throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = try await hostileLedger(in: directory)
        let missingFolder = directory.appendingPathComponent("missing/export.json")
        let result = try CLIRunner.run(["export", "--format", "json", "--data", ledger.directory, "--out", missingFolder.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot create"))
        #expect(!FileManager.default.fileExists(atPath: missingFolder.path))

        let badFormat = try CLIRunner.run(["export", "--format", "xml", "--data", ledger.directory])
        #expect(badFormat.status == 64)
    }
}
