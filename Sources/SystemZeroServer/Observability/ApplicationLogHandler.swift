import Foundation
import Logging
import Synchronization

/// A swift-log handler that appends one line per message to `systemzero.log` in the log folder: the application log,
/// apart from the request log and the ledger. Messages are rare (start-up, reloads, shutdown, errors), so each line is
/// written at once.
public struct ApplicationLogHandler: LogHandler {
    /// The shared open file.
    final class Sink: Sendable {
        let descriptor: Mutex<Int32>

        init(path: String) {
            descriptor = Mutex(open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640))
        }

        func write(_ line: String) {
            descriptor.withLock { fd in
                guard fd >= 0 else { return }
                var bytes = Array(line.utf8)
                bytes.append(UInt8(ascii: "\n"))
                _ = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            }
        }
    }

    public static let fileName = "systemzero.log"
    let label: String
    let sink: Sink
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    /// A handler factory for `LoggingSystem.bootstrap`, writing to `systemzero.log` in `directory`.
    public static func factory(directory: String) -> @Sendable (String) -> ApplicationLogHandler {
        let sink = Sink(path: (directory as NSString).appendingPathComponent(fileName))
        return { label in ApplicationLogHandler(label: label, sink: sink) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        sink.write("\(time) \(event.level) \(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)")
    }
}
