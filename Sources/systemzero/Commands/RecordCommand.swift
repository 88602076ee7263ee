import ArgumentParser
import Foundation
import SystemZeroCapture
import SystemZeroCore

struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Records a session: keeps every distinct screen of a web page or a phone (adb, Appium), with an index.",
        discussion: """
            The folder gets 001.json, 002.json, … (native captures, one for each screen with new content) and \
            index.json. `systemzero baseline build --from-session DIR` makes templates from it. Ctrl-C ends the \
            recording cleanly.
            """)

    @OptionGroup var source: LiveSourceOptions
    @Option(help: "The session name.") var session: String
    @Option(help: "How often to look at the screen.", transform: parseDuration) var interval: Duration = .seconds(2)
    @Option(help: "Stop after this many looks (default: until Ctrl-C).") var count: Int?
    @Option(help: "The folder to record into (default: sessions/NAME).") var out: String?

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        guard !session.isEmpty, !session.contains("/") else { throw ValidationError("--session takes a name without /") }
    }

    func run() async throws {
        let folder = out ?? "sessions/\(session)"
        let source = source
        let session = session
        let interval = interval
        let count = count
        let kept = try await interruptibly {
            try await withCaptureErrors {
                var recording = try SessionRecording(directory: folder, session: session, source: source.recordingSource)
                _ = try await source.watch(interval: interval, limit: count) { capture, tree in
                    if let file = try recording.add(capture, tree: tree) { printError("recorded \(file)") }
                }
                return recording.entries.count
            }
        }
        printError("recorded \(kept) screen\(kept == 1 ? "" : "s") of session \(session) in \(folder)")
    }
}
