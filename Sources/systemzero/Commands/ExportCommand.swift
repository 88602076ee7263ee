import ArgumentParser
import Foundation
import SystemZeroCore
import SystemZeroLedger

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Writes ledger entries as JSON, NDJSON, CSV, or a self-contained HTML report of the drift events.",
        discussion: """
            Entries are streamed in sequence order, so exports of any size run in constant memory. With --out the export \
            is written to a temporary file beside FILE and renamed into place only when complete.
            """)

    @OptionGroup var storage: DataOptions
    @Option(help: "The format: json, ndjson, csv or html.") var format: ExportFormat
    @Option(help: "The file to write (standard output when left out).") var out: String?
    @Option(help: "Only entries of this kind: capture, drift, template, key, config (html: drift only).") var kind: String?
    @Option(help: "Only entries of this screen.") var screen: String?
    @Option(help: "Only entries of this session.") var session: String?
    @Option(help: "Only drift events of at least this severity.") var severity: DriftEvent.Severity?
    @Option(help: "Only entries at or after this RFC 3339 time.") var since: String?
    @Option(help: ArgumentHelp("Benchmark: export this many synthetic entries to /dev/null and report entries/s.", visibility: .hidden))
    var benchmark: Int?
    @Option(
        help: ArgumentHelp(
            "Benchmark: the folder of the synthetic ledger, seeded when empty and kept (default: a temporary one).", visibility: .hidden))
    var benchmarkData: String?

    func validate() throws {
        if format == .html, let kind, kind != "drift" {
            throw ValidationError("the HTML report holds drift events only; leave out --kind or use --kind drift")
        }
        if let out, out.isEmpty { throw ValidationError("--out needs a file name") }
    }

    func run() async throws {
        if let benchmark {
            let result = try await withLedgerErrors {
                try await ExportBenchmark.run(entries: benchmark, format: format, directory: benchmarkData)
            }
            let seconds = String(format: "%.3f", result.seconds)
            write(
                "export \(format.rawValue): \(result.entries) entries, \(result.bytes) bytes in \(seconds) s: "
                    + "\(Int(result.entriesPerSecond)) entries/s, peak RSS \(result.peakRSSBytes >> 20) MB\n")
            return
        }
        let ledger = try storage.openExisting()
        let query = LedgerQuery(kind: kind, screen: screen, session: session, minimumSeverity: severity, since: since)
        let exporter = LedgerExporter(store: ledger.store, filter: query)
        let progress: (UInt64) -> Void = { count in printError("exported \(count) entries…") }
        guard let out else {
            _ = try await withLedgerErrors { try await exporter.export(format, to: FileHandleSink.standardOutput(), progress: progress) }
            return
        }
        let summary = try await exportAtomically(exporter, to: out, progress: progress)
        let what = format == .html ? "drift events" : "entries"
        printError("exported \(summary.entries) \(what) (tree size \(summary.treeSize)) to \(out)")
    }

    /// Writes to a temporary file beside `path`, then renames it over `path`; on failure the temporary file is removed.
    func exportAtomically(_ exporter: LedgerExporter, to path: String, progress: (UInt64) -> Void) async throws -> ExportSummary {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8)).tmp"
            ).path
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            printError("error: cannot create \(temporary): check the folder exists and is writable")
            throw ExitCode(2)
        }
        do {
            let summary = try await withLedgerErrors {
                defer { try? handle.close() }
                return try await exporter.export(
                    format, to: FileHandleSink(handle: handle, name: path, synchronizeOnFinish: true), progress: progress)
            }
            guard rename(temporary, path) == 0 else {
                printError("error: cannot move the export into place at \(path): \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
            return summary
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}
