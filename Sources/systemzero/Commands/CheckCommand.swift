import ArgumentParser
import Foundation
import SystemZeroCore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Matches captures against the template library and reports their drift events. Captures given in order form a session.")

    @Argument(help: "Capture files, in the order they were taken.") var captures: [String]
    @Option(help: "The template folder (default: ./templates when there is one, else the bundled gallery).") var templates: String?
    @Option(help: "The session id (defaults to the captures' own).") var session: String?
    @Option(help: "The lowest severity that makes the exit code 1: info, warning or critical.") var failOn: DriftEvent.Severity = .critical
    @Flag(help: "Print one JSON document.") var json = false
    @Flag(help: "Record each capture and its events in the ledger.") var record = false
    @OptionGroup var storage: DataOptions
    @OptionGroup var input: CaptureInputOptions

    func run() async throws {
        let ledger = record ? try storage.open() : nil
        let library = try loadTemplateLibrary(folder: templates)
        let pipeline = DriftPipeline(library: library)
        var state = SessionState(id: session)
        var results: [(String, DriftPipeline.Result)] = []
        for file in captures {
            var capture = try input.load(file)
            if let session { capture.session = session }
            let result = pipeline.process(capture, session: &state)
            if let ledger {
                let seqs = try await withLedgerErrors { try await ledger.record(result) }
                printError("recorded \(file) as entry \(seqs[0])\(seqs.count > 1 ? " with events \(seqs[1])…\(seqs[seqs.count - 1])" : "")")
            }
            results.append((file, result))
        }
        if json {
            let document: JSONValue = .object([
                ("session", .optional(state.id)),
                ("captures", .array(results.map { $0.1.json(file: $0.0) })),
            ])
            write(JSONWriter(style: .pretty).string(document) + "\n")
        } else {
            for (file, result) in results {
                write("\(file): \(result.match.screen) (score \(String(format: "%.3f", result.match.score)))\n")
                for event in result.events {
                    write("  [\(event.severity.rawValue)] \(event.kind.rawValue)/\(event.rule): \(event.message)\n")
                    for evidence in event.evidence.prefix(5) {
                        var line = "      \(evidence.path)"
                        if let before = evidence.before, let after = evidence.after {
                            line += ": \(before) → \(after)"
                        } else if let text = evidence.text {
                            line += ": \(text)"
                        }
                        write(line + "\n")
                    }
                }
            }
        }
        if results.contains(where: { ($0.1.highestSeverity ?? .info) >= failOn && !$0.1.events.isEmpty }) { throw ExitCode(1) }
    }
}

extension DriftEvent.Severity: ExpressibleByArgument {}
