import ArgumentParser
import Foundation
import SystemZeroCore
import SystemZeroGallery
import SystemZeroLedger

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Runs the bundled sample sessions (a clean shift and a manipulated one) through the whole pipeline into the ledger, "
            + "prints the drift report, signs a checkpoint and verifies the ledger.")

    @OptionGroup var storage: DataOptions
    @Option(help: "A template folder to use instead of the bundled gallery.") var templates: String?
    @Option(help: "A folder of sessions (one subfolder each, captures in name order) to use instead of the bundled samples.")
    var sessions: String?
    @Option(help: "The sessions to run, in order.") var run: [String] = ["clean_shift", "manipulated_shift"]

    func run() async throws {
        let library = try templates.map { try loadTemplateLibrary($0) } ?? loadBundledGallery()
        let ledger = try storage.open()
        let pipeline = DriftPipeline(library: library)
        var counts: [DriftEvent.Severity: Int] = [:]
        var captures = 0
        write("System//Zero demo: \(library.templates.count) templates, ledger in \(storage.data)/\n")
        for name in run {
            let files = try sessionCaptures(name)
            write("\n== session \(name)\n")
            var state = SessionState(id: "\(name)-\(UUID().uuidString.prefix(8).lowercased())")
            for (file, bytes) in files {
                var capture = try withInputErrors { try CaptureImporter().importCapture(bytes, format: nil, file: file) }
                capture.session = state.id
                let result = pipeline.process(capture, session: &state)
                let seqs = try await withLedgerErrors { try await ledger.record(result) }
                captures += 1
                let verdict = result.events.isEmpty ? "clean" : "\(result.events.count) event\(result.events.count == 1 ? "" : "s")"
                write("  \(file)  →  \(result.match.screen)  [\(verdict)]  ledger #\(seqs[0])\n")
                for event in result.events {
                    counts[event.severity, default: 0] += 1
                    write("      \(event.severity.rawValue.uppercased()) \(event.rule): \(event.message)\n")
                }
            }
        }
        let note = try await withLedgerErrors { try await ledger.checkpoint() }
        let verifier = LedgerVerifier(databasePath: storage.databasePath, verifiers: [ledger.signer.verifierKey], origin: ledger.origin)
        let report = try await withLedgerErrors { try verifier.verify() }
        let summary = DriftEvent.Severity.allCases.reversed().map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        write("\n\(captures) captures, drift events: \(summary)\n")
        write("signed checkpoint:\n\(note.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))\n")
        guard report.isClean else {
            for problem in report.problems { write("TAMPERED: \(problem)\n") }
            throw ExitCode(1)
        }
        write("ledger verified: \(report.entries) entries, root \(report.root.base64)\n")
        write(
            "next: systemzero log --data \(storage.data) --severity warning   ·   systemzero export --data \(storage.data) --format html --out report.html\n"
        )
    }
}

extension DemoCommand {
    /// A session's captures in name order: from `--sessions` when given, else the bundled samples.
    func sessionCaptures(_ name: String) throws -> [(name: String, bytes: [UInt8])] {
        guard let sessions else {
            let bundled = EmbeddedGallery.session(name)
            guard !bundled.isEmpty else {
                printError("error: no bundled session \(name); the bundled ones are \(EmbeddedGallery.sessions.joined(separator: ", "))")
                throw ExitCode(2)
            }
            return bundled
        }
        let folder = (sessions as NSString).appendingPathComponent(name)
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder).filter({ $0.hasSuffix(".json") }).sorted(),
            !files.isEmpty
        else {
            printError("error: no captures in \(folder)")
            throw ExitCode(2)
        }
        return try files.map { file in
            let path = (folder as NSString).appendingPathComponent(file)
            return (file, try withInputErrors { try CaptureImporter.readFile(atPath: path, limit: ImportLimits.default.maxBytes) })
        }
    }
}
