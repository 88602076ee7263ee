import Foundation
import Synchronization

/// The request log: one JSON line per request in `api_requests.log`, kept apart from the ledger and the application
/// log. Lines are buffered and written at least every ``flushInterval`` (and whenever 64 KiB gather), so logging
/// costs no system call per request. The file is rotated daily (or hourly) to `api_requests-<period>.log`; rotated
/// files older than the retention are deleted.
public final class RequestLog: Sendable {
    /// How often the file is rotated.
    public enum Rotation: String, Sendable, CaseIterable {
        case daily, hourly

        /// The period a time falls in, as it appears in rotated file names (UTC).
        func period(of date: Date) -> String {
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
            let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
            return self == .daily ? day : day + String(format: "T%02d", c.hour ?? 0)
        }
    }

    public static let fileName = "api_requests.log"
    static let flushThreshold = 64 << 10
    public static let flushInterval = Duration.milliseconds(200)

    struct State {
        var buffer: [UInt8] = []
        var descriptor: Int32 = -1
        var period: String
        var retentionDays: Int
    }

    public let directory: String
    let rotation: Rotation
    let clock: @Sendable () -> Date
    private let state: Mutex<State>
    private let probeLines: Atomic<Bool>
    /// Lines lost since ``takeDroppedLines()`` last asked: a full disk or a removed folder loses lines, never a request.
    private let droppedLines = Atomic<Int>(0)

    /// Opens (creating) the log in `directory`; `logsProbes` says whether `/health` and `/ready` get lines.
    public init(
        directory: String, rotation: Rotation = .daily, retentionDays: Int = 30, logsProbes: Bool = false,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.directory = directory
        self.rotation = rotation
        self.clock = clock
        state = Mutex(State(period: rotation.period(of: clock()), retentionDays: retentionDays))
        probeLines = Atomic(logsProbes)
    }

    var path: String { (directory as NSString).appendingPathComponent(Self.fileName) }

    /// Whether the probes get lines: an orchestrator calls them every few seconds on every replica, and such lines
    /// would bury the others. Off by default.
    public var logsProbes: Bool { probeLines.load(ordering: .relaxed) }

    /// Changes how many days of rotated files are kept and whether the probes get lines (reload).
    public func configure(retentionDays: Int, logsProbes: Bool) {
        state.withLock { $0.retentionDays = retentionDays }
        probeLines.store(logsProbes, ordering: .relaxed)
    }

    /// Adds one line (without its newline).
    public func append(_ line: [UInt8]) {
        append { $0.append(contentsOf: line) }
    }

    /// Adds one line that `write` appends (without its newline) straight into the buffer.
    func append(_ write: (inout [UInt8]) -> Void) {
        state.withLock { state in
            write(&state.buffer)
            state.buffer.append(UInt8(ascii: "\n"))
            if state.buffer.count >= Self.flushThreshold { self.write(&state) }
        }
    }

    /// Writes what is buffered, rotating first if a new period has begun (lines gathered in the last flush interval
    /// of a period therefore land in the next period's file).
    public func flush() {
        let period = rotation.period(of: clock())
        state.withLock { state in
            if period != state.period { rotate(&state, to: period) }
            write(&state)
        }
    }

    /// The number of lines that could not be written since the last call, which the caller reports (``RequestLogService``).
    public func takeDroppedLines() -> Int {
        droppedLines.exchange(0, ordering: .relaxed)
    }

    /// Flushes and closes the file.
    public func close() {
        state.withLock { state in
            write(&state)
            if state.descriptor >= 0 { Foundation.close(state.descriptor) }
            state.descriptor = -1
        }
    }

    private func write(_ state: inout State) {
        guard !state.buffer.isEmpty else { return }
        if state.descriptor < 0 { state.descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640) }
        var offset = 0
        if state.descriptor >= 0 {
            while offset < state.buffer.count {
                let written = state.buffer[offset...].withUnsafeBytes { Foundation.write(state.descriptor, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
        }
        if offset < state.buffer.count {
            // The lines not written in full are lost (a line cut short counts as lost); the next flush tries again.
            let lost = state.buffer[offset...].lazy.filter { $0 == UInt8(ascii: "\n") }.count
            droppedLines.add(lost, ordering: .relaxed)
            if state.descriptor >= 0 {
                Foundation.close(state.descriptor)
                state.descriptor = -1
            }
        }
        state.buffer.removeAll(keepingCapacity: true)
    }

    private func rotate(_ state: inout State, to period: String) {
        if state.descriptor >= 0 { Foundation.close(state.descriptor) }
        state.descriptor = -1
        let rotated = (directory as NSString).appendingPathComponent("api_requests-\(state.period).log")
        if FileManager.default.fileExists(atPath: path) { rename(path, rotated) }
        state.period = period
        prune(retentionDays: state.retentionDays)
    }

    /// Deletes rotated files whose period ended more than `retentionDays` ago.
    private func prune(retentionDays: Int) {
        let cutoff = Rotation.daily.period(of: clock().addingTimeInterval(-Double(retentionDays) * 86_400))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix("api_requests-") && name.hasSuffix(".log") {
            let period = String(name.dropFirst("api_requests-".count).dropLast(".log".count))
            if String(period.prefix(10)) < cutoff {
                try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
            }
        }
    }
}
