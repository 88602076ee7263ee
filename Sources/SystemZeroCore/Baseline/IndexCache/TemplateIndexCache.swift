import Crypto
import Foundation

/// The template folder's index cache, `.index/templates.cache`: the content of every template file, keyed by file name
/// and ``FileStamp``, so that loading a large unchanged library skips the YAML reader.
///
/// It is never trusted blindly: the file carries a SHA-256 of its body and the import limits it was made under, and
/// anything that does not check out (a damaged or truncated file, another format version, other limits) is ignored
/// as a whole. An entry is used only for a file whose stamp is unchanged, and a cached template is still rebuilt and
/// validated (``TemplateSource/template(file:)``); when that fails, the file itself is read. Files changed within a
/// second of a load are not cached, since their stamp may not yet tell a later change apart.
///
/// Layout: the 8-byte magic `SZTIDX01`, the 32-byte SHA-256 of the rest, then the limits and the entries (name,
/// stamp, encoded ``TemplateSource`` with its length), in ``ByteWriter``'s encoding.
struct TemplateIndexCache: Sendable {
    /// One cached file.
    struct Entry: Sendable {
        var stamp: FileStamp
        /// Where the encoded source lies in ``bytes``.
        var range: Range<Int>
    }

    static let magic = Array("SZTIDX01".utf8)
    static let folderName = ".index"
    static let fileName = "templates.cache"

    let bytes: [UInt8]
    let entries: [String: Entry]

    /// The cache file of a template folder.
    static func path(directory: String) -> String {
        (directory as NSString).appendingPathComponent("\(folderName)/\(fileName)")
    }

    /// The cache of `directory` made under `limits`, or `nil` when there is none that checks out.
    init?(directory: String, limits: ImportLimits) {
        guard let data = FileManager.default.contents(atPath: Self.path(directory: directory)) else { return nil }
        self.init(bytes: [UInt8](data), limits: limits)
    }

    /// Reads cache bytes; `nil` when they do not check out.
    init?(bytes: [UInt8], limits: ImportLimits) {
        let header = Self.magic.count + SHA256.byteCount
        guard bytes.count >= header, bytes.starts(with: Self.magic),
            Array(SHA256.hash(data: bytes[header...])) == Array(bytes[Self.magic.count..<header])
        else { return nil }
        var reader = ByteReader(bytes, range: header..<bytes.count)
        var entries: [String: Entry] = [:]
        do throws(ByteReader.Failure) {
            guard try Self.readLimits(&reader) == limits else { return nil }
            for _ in 0..<(try reader.readCount()) {
                let name = try reader.readString()
                let stamp = FileStamp(
                    size: Int64(try reader.readInt()), modified: Int64(try reader.readInt()), changed: Int64(try reader.readInt()),
                    inode: try reader.readUInt64(), device: try reader.readUInt64())
                let range = try reader.readRange(count: try reader.readCount())
                entries[name] = Entry(stamp: stamp, range: range)
            }
            guard reader.isAtEnd else { return nil }
        } catch {
            return nil
        }
        self.bytes = bytes
        self.entries = entries
    }

    /// The cached template of file `name` if its stamp is still `stamp`, rebuilt and validated; else `nil`.
    func template(name: String, stamp: FileStamp, path: String) -> (template: Template, source: TemplateSource)? {
        guard let entry = entries[name], entry.stamp == stamp else { return nil }
        var reader = ByteReader(bytes, range: entry.range)
        guard let source = try? TemplateSource(from: &reader), let template = source.template(file: path) else { return nil }
        return (template, source)
    }

    /// The cache file's bytes for these files.
    static func encode(_ files: [(name: String, stamp: FileStamp, source: TemplateSource)], limits: ImportLimits) -> [UInt8] {
        var writer = ByteWriter()
        writeLimits(limits, into: &writer)
        writer.write(files.count)
        for file in files {
            writer.write(file.name)
            writer.write(Int(file.stamp.size))
            writer.write(Int(file.stamp.modified))
            writer.write(Int(file.stamp.changed))
            writer.write(file.stamp.inode)
            writer.write(file.stamp.device)
            var source = ByteWriter()
            file.source.encode(into: &source)
            writer.write(source.bytes.count)
            writer.write(raw: source.bytes)
        }
        return magic + Array(SHA256.hash(data: writer.bytes)) + writer.bytes
    }

    /// Writes the cache of `directory`, replacing the old one atomically. A folder that cannot be written to is left
    /// as it is: the cache only saves time.
    static func write(_ files: [(name: String, stamp: FileStamp, source: TemplateSource)], limits: ImportLimits, directory: String) {
        let folder = (directory as NSString).appendingPathComponent(folderName)
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let ignore = (folder as NSString).appendingPathComponent(".gitignore")
            if !manager.fileExists(atPath: ignore) {
                try Data("# The template index cache: made by `TemplateLibrary.load`, never committed.\n*\n".utf8)
                    .write(to: URL(fileURLWithPath: ignore))
            }
            try Data(encode(files, limits: limits)).write(to: URL(fileURLWithPath: path(directory: directory)), options: .atomic)
        } catch {
            return
        }
    }

    private static func writeLimits(_ limits: ImportLimits, into writer: inout ByteWriter) {
        writer.write(limits.maxBytes)
        writer.write(limits.maxDepth)
        writer.write(limits.maxNodes)
        writer.write(limits.maxStringLength)
    }

    private static func readLimits(_ reader: inout ByteReader) throws(ByteReader.Failure) -> ImportLimits {
        ImportLimits(
            maxBytes: try reader.readInt(), maxDepth: try reader.readInt(), maxNodes: try reader.readInt(),
            maxStringLength: try reader.readInt())
    }
}
