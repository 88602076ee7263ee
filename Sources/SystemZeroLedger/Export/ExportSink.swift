import Foundation

/// Where an export's bytes go.
///
/// The exporter buffers its output and hands the sink chunks of about ``ExportBuffer/chunkSize`` bytes, so a sink
/// needs no buffering of its own; ``finish()`` is called once, after the last chunk.
public protocol ExportSink: AnyObject {
    /// Takes one chunk of output.
    func write(_ chunk: [UInt8]) async throws(LedgerError)
    /// Called once when the export is complete: push out anything held back.
    func finish() async throws(LedgerError)
}

/// A sink over an open file handle: a file, standard output or `/dev/null`.
public final class FileHandleSink: ExportSink {
    /// The handle written to. The sink does not close it.
    public let handle: FileHandle
    /// A name for error messages (a path, or "standard output").
    public let name: String
    /// When `true`, ``finish()`` asks the system to put the bytes on disk (`fsync`).
    public let synchronizeOnFinish: Bool

    /// A sink writing to `handle`; `name` appears in error messages.
    public init(handle: FileHandle, name: String, synchronizeOnFinish: Bool = false) {
        self.handle = handle
        self.name = name
        self.synchronizeOnFinish = synchronizeOnFinish
    }

    /// Standard output.
    public static func standardOutput() -> FileHandleSink {
        FileHandleSink(handle: .standardOutput, name: "standard output")
    }

    public func write(_ chunk: [UInt8]) throws(LedgerError) {
        guard !chunk.isEmpty else { return }
        do {
            try handle.write(contentsOf: chunk)
        } catch {
            throw LedgerError(.storage, "cannot write the export to \(name): \(error.localizedDescription)")
        }
    }

    public func finish() throws(LedgerError) {
        guard synchronizeOnFinish else { return }
        do {
            try handle.synchronize()
        } catch {
            throw LedgerError(.storage, "cannot write the export to \(name): \(error.localizedDescription)")
        }
    }
}

/// A sink that keeps everything in memory (tests, small exports).
public final class MemorySink: ExportSink {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []
    /// `true` once ``finish()`` was called.
    public private(set) var finished = false

    /// An empty sink.
    public init() {}

    /// The output as text.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public func write(_ chunk: [UInt8]) throws(LedgerError) { bytes.append(contentsOf: chunk) }

    public func finish() throws(LedgerError) { finished = true }
}

/// The exporter's output buffer: appends are cheap, and full chunks go to the sink.
struct ExportBuffer {
    /// The size of the chunks handed to the sink.
    static let chunkSize = 64 << 10

    let sink: any ExportSink
    var bytes: [UInt8] = []
    private(set) var written: UInt64 = 0

    init(sink: any ExportSink) {
        self.sink = sink
        bytes.reserveCapacity(Self.chunkSize + 4096)
    }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func append(_ other: ArraySlice<UInt8>) { bytes.append(contentsOf: other) }

    /// Hands the buffer to the sink once it holds a chunk.
    mutating func drainIfFull() async throws(LedgerError) {
        if bytes.count >= Self.chunkSize { try await drain() }
    }

    /// Hands whatever is buffered to the sink.
    mutating func drain() async throws(LedgerError) {
        guard !bytes.isEmpty else { return }
        try await sink.write(bytes)
        written += UInt64(bytes.count)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Drains and finishes the sink; returns the bytes written in all.
    mutating func finish() async throws(LedgerError) -> UInt64 {
        try await drain()
        try await sink.finish()
        return written
    }
}
