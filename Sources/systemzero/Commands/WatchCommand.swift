import ArgumentParser
import Foundation
import SystemZeroCapture
import SystemZeroCore
import SystemZeroLedger

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract:
            "Watches a web page or a phone screen (adb, Appium): captures it again whenever it changes, checks it and prints each drift event.",
        discussion: """
            Each changed screen goes through the same pipeline as `check --record` into the local ledger, or, with \
            --server and --key, is posted to a System//Zero server. Ctrl-C ends the watch cleanly.
            """)

    @OptionGroup var source: LiveSourceOptions
    @Option(help: "How often to look at the screen.", transform: parseDuration) var interval: Duration = .seconds(2)
    @Option(help: "Stop after this many looks (default: until Ctrl-C).") var count: Int?
    @Option(help: "Post captures to this System//Zero server instead of checking them locally.") var server: String?
    @Option(help: "The API key for --server (or $SYSTEMZERO_API_KEY).") var key: String?
    @Option(help: "The template folder (default: ./templates when there is one, else the bundled gallery).") var templates: String?
    @Option(help: "The session id of the captures.") var session: String?
    @Flag(help: "Print one JSON line a capture.") var json = false
    @OptionGroup var storage: DataOptions

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if server != nil, apiKey == nil { throw ValidationError("--server needs --key (or $SYSTEMZERO_API_KEY)") }
        if let server, URL(string: server)?.host == nil { throw ValidationError("--server takes a URL such as http://127.0.0.1:8080") }
    }

    var apiKey: String? { key ?? ProcessInfo.processInfo.environment["SYSTEMZERO_API_KEY"] }

    func run() async throws {
        let sink = try makeSink()
        let sessionID = session ?? "watch-\(ISO8601DateFormatter().string(from: Date()))"
        let source = source
        let interval = interval
        let count = count
        let json = json
        let seen = try await interruptibly {
            try await withCaptureErrors {
                var state = SessionState(id: sessionID)
                let seen = try await source.watch(interval: interval, limit: count) { capture, _ in
                    var capture = capture
                    capture.session = sessionID
                    try await sink.handle(capture, state: &state, json: json)
                }
                return seen ?? 0
            }
        }
        printError("watched \(source.label): \(seen) screen\(seen == 1 ? "" : "s")")
    }

    private func makeSink() throws -> WatchSink {
        if let server, let url = URL(string: server), let apiKey {
            return .server(CaptureUploader(server: url, key: apiKey))
        }
        let library = try loadTemplateLibrary(folder: templates)
        return .local(DriftPipeline(library: library), try storage.open())
    }
}

/// Where a watched capture goes: through the local pipeline into the ledger, or to a server.
enum WatchSink: Sendable {
    case local(DriftPipeline, Ledger)
    case server(CaptureUploader)

    func handle(_ capture: Capture, state: inout SessionState, json: Bool) async throws {
        let time = ISO8601DateFormatter().string(from: Date())
        switch self {
        case .local(let pipeline, let ledger):
            let result = pipeline.process(capture, session: &state)
            let seqs = try await withLedgerErrors { try await ledger.record(result) }
            if json {
                var document = result.json()
                if case .object(var members) = document {
                    members.insert(("seq", .number(Double(seqs[0]))), at: 0)
                    document = .object(members)
                }
                write(JSONWriter(style: .compact).string(document) + "\n")
                return
            }
            write("\(time)  \(result.match.screen) (score \(String(format: "%.3f", result.match.score))), entry \(seqs[0])\n")
            for event in result.events {
                write("  [\(event.severity.rawValue)] \(event.kind.rawValue)/\(event.rule): \(event.message)\n")
            }
        case .server(let uploader):
            let receipt = try await uploader.post(capture)
            if json {
                let document: JSONValue = .object([
                    ("seq", .number(Double(receipt.seq))), ("screen", .string(receipt.screen)), ("score", .number(receipt.score)),
                    ("events", .array(receipt.events)),
                ])
                write(JSONWriter(style: .compact).string(document) + "\n")
                return
            }
            write("\(time)  \(receipt.screen) (score \(String(format: "%.3f", receipt.score))), entry \(receipt.seq)\n")
            for event in receipt.events {
                let severity = event["severity"]?.stringValue ?? "?"
                let kind = event["kind"]?.stringValue ?? "?"
                let rule = event["rule"]?.stringValue ?? "?"
                write("  [\(severity)] \(kind)/\(rule): \(event["message"]?.stringValue ?? "")\n")
            }
        }
    }
}
