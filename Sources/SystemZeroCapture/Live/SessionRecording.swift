import Foundation
import SystemZeroCore

/// A recorded session on disk: one native capture file for each distinct screen, and `index.json` listing them.
///
/// ```
/// DIR/index.json          {"session": …, "source": …, "captures": [{"file", "captured_at", "structure_signature", "content_signature", "seen"}]}
/// DIR/001.json, 002.json  native captures, in the order they were first seen
/// ```
/// A screen counts as seen before when its content signature (the normalized tree with its text) is already in the
/// index; then only its `seen` count grows.
public struct SessionRecording: Sendable {
    /// One kept screen.
    public struct Entry: Sendable, Hashable {
        public var file: String
        public var capturedAt: String?
        public var structureSignature: String
        public var contentSignature: String
        public var seen: Int
    }

    /// The name of the index file.
    public static let indexFile = "index.json"

    public let directory: String
    public var session: String
    public var source: String?
    public private(set) var entries: [Entry] = []

    /// A new recording in `directory` (created, and emptied of an older index).
    public init(directory: String, session: String, source: String?) throws(CaptureError) {
        self.directory = directory
        self.session = session
        self.source = source
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .fileError("cannot make the session folder \(directory): \(error.localizedDescription)")
        }
        try writeIndex()
    }

    /// Reads the recording in `directory`.
    public init(reading directory: String) throws(ImportError) {
        let path = (directory as NSString).appendingPathComponent(Self.indexFile)
        let document = try JSONParser().parse(try CaptureImporter.readFile(atPath: path, limit: 16 << 20))
        guard let session = document["session"]?.stringValue, let list = document["captures"]?.arrayValue else {
            throw ImportError(.invalidValue("a session index needs \"session\" and \"captures\""), file: path)
        }
        self.directory = directory
        self.session = session
        self.source = document["source"]?.stringValue
        for (index, item) in list.enumerated() {
            guard let file = item["file"]?.stringValue, !file.contains("/"),
                let structure = item["structure_signature"]?.stringValue, let content = item["content_signature"]?.stringValue
            else {
                throw ImportError(.invalidValue("capture \(index) needs a plain \"file\" and both signatures"), file: path)
            }
            entries.append(
                Entry(
                    file: file, capturedAt: item["captured_at"]?.stringValue, structureSignature: structure,
                    contentSignature: content, seen: min(max(item["seen"]?.integerValue(as: Int.self) ?? 1, 0), 1 << 48)))
        }
    }

    /// Adds a capture unless its screen was seen before.
    /// - Returns: the file it was written to, or `nil` for a screen seen before.
    @discardableResult
    public mutating func add(_ capture: Capture, tree: UITree) throws(CaptureError) -> String? {
        if let index = entries.firstIndex(where: { $0.contentSignature == tree.contentSignature }) {
            entries[index].seen += 1
            try writeIndex()
            return nil
        }
        var capture = capture
        capture.session = session
        let file = String(format: "%03d.json", entries.count + 1)
        let text = JSONWriter(style: .pretty).string(NativeCaptureCodec.encode(capture)) + "\n"
        try write(text, to: file)
        entries.append(
            Entry(
                file: file, capturedAt: capture.capturedAt, structureSignature: tree.structureSignature,
                contentSignature: tree.contentSignature, seen: 1))
        try writeIndex()
        return (directory as NSString).appendingPathComponent(file)
    }

    /// The paths of the captures, grouped by structure signature in the order each shape was first seen: the
    /// captures of one group show one screen with different content.
    public var screens: [[String]] {
        var order: [String] = []
        var groups: [String: [String]] = [:]
        for entry in entries {
            if groups[entry.structureSignature] == nil { order.append(entry.structureSignature) }
            groups[entry.structureSignature, default: []].append((directory as NSString).appendingPathComponent(entry.file))
        }
        return order.compactMap { groups[$0] }
    }

    private func writeIndex() throws(CaptureError) {
        let captures: [JSONValue] = entries.map { entry in
            .object([
                ("file", .string(entry.file)), ("captured_at", .optional(entry.capturedAt)),
                ("structure_signature", .string(entry.structureSignature)), ("content_signature", .string(entry.contentSignature)),
                ("seen", .number(Double(entry.seen))),
            ])
        }
        let document: JSONValue = .object([("session", .string(session)), ("source", .optional(source)), ("captures", .array(captures))])
        try write(JSONWriter(style: .pretty).string(document) + "\n", to: Self.indexFile)
    }

    private func write(_ text: String, to file: String) throws(CaptureError) {
        let path = (directory as NSString).appendingPathComponent(file)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .fileError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
