import ArgumentParser
import Foundation
import SystemZeroCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Matches captures against the template library and reports their drift events. Captures given in order form a session.")

    @Argument(help: "Capture files, in the order they were taken.") var captures: [String]
    @Option(help: "The template folder.") var templates = "templates"
    @Option(help: "The session id (defaults to the captures' own).") var session: String?
    @Option(help: "The lowest severity that makes the exit code 1: info, warning or critical.") var failOn: DriftEvent.Severity = .critical
    @Flag(help: "Print one JSON document.") var json = false
    @OptionGroup var input: CaptureInputOptions

    func run() throws {
        let library: TemplateLibrary
        do {
            library = try TemplateLibrary.load(directory: templates)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let pipeline = DriftPipeline(library: library)
        var state = SessionState(id: session)
        var results: [(String, DriftPipeline.Result)] = []
        for file in captures {
            results.append((file, pipeline.process(try input.load(file), session: &state)))
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
