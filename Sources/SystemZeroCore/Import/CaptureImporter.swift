import Foundation

/// Reads a capture in any supported format into a ``Capture``.
///
/// ```swift
/// let capture = try CaptureImporter().importCapture(bytes, file: "offer.xml")
/// ```
public struct CaptureImporter: Sendable {
    public var limits: ImportLimits

    public init(limits: ImportLimits = .default) {
        self.limits = limits
    }

    /// Imports `bytes`, detecting the format from the content unless `format` names it.
    /// - Parameter file: named in errors.
    public func importCapture(_ bytes: [UInt8], format: CaptureFormat? = nil, file: String? = nil) throws(ImportError) -> Capture {
        do throws(ImportError) {
            switch try resolvedFormat(bytes, format) {
            case .native: return try NativeCaptureCodec(limits: limits).decode(bytes)
            case .uiautomator: return try UIAutomatorImporter(limits: limits).importCapture(bytes)
            case .xcuitest: return try XCUITestImporter(limits: limits).importCapture(bytes)
            case .chromeAX: return try ChromeAXImporter(limits: limits).importCapture(bytes)
            case .ariaSnapshot: return try AriaSnapshotImporter(limits: limits).importCapture(bytes)
            }
        } catch {
            throw error.naming(file: file)
        }
    }

    /// Imports `bytes` and normalizes the capture: `normalizer.normalize(try importCapture(bytes, ...))`, with native
    /// JSON normalized as it is read (``NativeCaptureCodec/decodeTree(_:normalizer:)``).
    public func importTree(
        _ bytes: [UInt8], format: CaptureFormat? = nil, file: String? = nil, normalizer: Normalizer = Normalizer()
    ) throws(ImportError) -> UITree {
        do throws(ImportError) {
            let format = try resolvedFormat(bytes, format)
            guard format == .native else { return normalizer.normalize(try importCapture(bytes, format: format)) }
            return try NativeCaptureCodec(limits: limits).decodeTree(bytes, normalizer: normalizer)
        } catch {
            throw error.naming(file: file)
        }
    }

    /// The format to read `bytes` as (`format`, or the detected one), once the byte limit is checked.
    private func resolvedFormat(_ bytes: [UInt8], _ format: CaptureFormat?) throws(ImportError) -> CaptureFormat {
        guard bytes.count <= limits.maxBytes else { throw ImportError(.tooLarge(bytes: bytes.count, limit: limits.maxBytes)) }
        guard let format = format ?? CaptureFormat.detect(bytes) else { throw ImportError(.unknownFormat) }
        return format
    }

    /// Reads and imports a file, refusing to read more than the byte limit.
    public func importFile(atPath path: String, format: CaptureFormat? = nil) throws(ImportError) -> Capture {
        let bytes = try Self.readFile(atPath: path, limit: limits.maxBytes)
        return try importCapture(bytes, format: format, file: path)
    }

    /// Reads at most `limit` bytes of a file; a larger file is an error before it is read.
    public static func readFile(atPath path: String, limit: Int) throws(ImportError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(.invalidValue("cannot open the file"), file: path)
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            guard data.count <= limit else {
                let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
                throw ImportError(.tooLarge(bytes: size ?? data.count, limit: limit), file: path)
            }
            return [UInt8](data)
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(.invalidValue("cannot read the file: \(error.localizedDescription)"), file: path)
        }
    }
}
