import ArgumentParser
import SystemZeroCore
import SystemZeroLedger

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Lists ledger entries.")

    @OptionGroup var storage: DataOptions
    @Option(help: "Only entries of this kind: capture, drift, template, key, config.") var kind: String?
    @Option(help: "Only entries of this screen.") var screen: String?
    @Option(help: "Only entries of this session.") var session: String?
    @Option(help: "Only drift events of at least this severity.") var severity: DriftEvent.Severity?
    @Option(help: "Only entries at or after this RFC 3339 time.") var since: String?
    @Option(help: "At most this many entries.") var limit = 100
    @Flag(help: "Print the entries as a JSON array.") var json = false

    func run() async throws {
        let ledger = try storage.openExisting()
        let query = LedgerQuery(kind: kind, screen: screen, session: session, minimumSeverity: severity, since: since, limit: limit)
        let entries = try await withLedgerErrors { try await ledger.store.query(query) }
        if json {
            write(JSONWriter(style: .pretty).string(.array(entries.map(\.json))) + "\n")
            return
        }
        for entry in entries {
            let value = entry.json
            let time = value["time"]?.stringValue ?? ""
            let kind = value["kind"]?.stringValue ?? "?"
            var line = "\(entry.seq)\t\(time)\t\(kind)"
            if let event = value["event"] {
                line +=
                    "\t\(event["severity"]?.stringValue ?? "")\t\(event["screen"]?.stringValue ?? "")\t\(event["rule"]?.stringValue ?? "")"
                line += "\t\(event["message"]?.stringValue ?? "")"
            } else if kind == "capture" {
                line +=
                    "\t\(value["screen"]?.stringValue ?? "")\tsession \(value["session"]?.stringValue ?? "-")\t\(value["events"]?.integerValue(as: Int.self) ?? 0) events"
            } else if let screen = value["screen_id"]?.stringValue {
                line += "\t\(screen) v\(value["version"]?.integerValue(as: Int.self) ?? 0)"
            }
            write(line + "\n")
        }
    }
}
