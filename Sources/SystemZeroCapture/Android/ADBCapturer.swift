import Foundation
import SystemZeroCore

/// Captures the screen of an Android device through `adb` and `uiautomator`.
///
/// It runs `adb exec-out uiautomator dump /dev/tty`, which prints the hierarchy straight to standard output; when
/// that gives no hierarchy (some devices refuse `/dev/tty`), it dumps to a file on the device and pulls it.
public struct ADBCapturer: Sendable {
    /// The file on the device used by the fallback.
    public static let deviceFile = "/sdcard/systemzero_window_dump.xml"

    /// The `adb` executable: a name looked up on the `PATH`, or a path.
    public var adb: String
    /// The device serial (`adb -s`), or `nil` for the only device.
    public var serial: String?
    /// How long one `adb` call may take.
    public var timeout: Duration
    /// The limits of the imported XML.
    public var limits: ImportLimits

    public init(adb: String = "adb", serial: String? = nil, timeout: Duration = .seconds(30), limits: ImportLimits = .default) {
        self.adb = adb
        self.serial = serial
        self.timeout = timeout
        self.limits = limits
    }

    /// Dumps the current screen and imports it.
    /// - Throws: ``CaptureError/noDevice(_:)`` when no device (or not the named one) is connected,
    ///   ``CaptureError/adbFailed(_:)`` or ``CaptureError/launchFailed(_:)`` for other failures.
    public func capture() async throws(CaptureError) -> Capture {
        guard let executable = CommandRunner.find(adb) else {
            throw .launchFailed("\(adb) is not on the PATH (install Android's platform tools: apt-get install adb)")
        }
        let direct = try await run(executable, ["exec-out", "uiautomator", "dump", "/dev/tty"])
        var xml = Self.hierarchy(in: direct.stdout)
        if xml == nil {
            try Self.checkDevice(direct)
            xml = try await pull(executable)
        }
        guard let xml else { throw .adbFailed("uiautomator gave no hierarchy") }
        var capture: Capture
        do throws(ImportError) {
            capture = try UIAutomatorImporter(limits: limits).importCapture(xml)
        } catch {
            throw .invalidCapture(error)
        }
        capture.capturedAt = ISO8601DateFormatter().string(from: Date())
        return capture
    }

    private func pull(_ executable: String) async throws(CaptureError) -> [UInt8] {
        let dump = try await run(executable, ["shell", "uiautomator", "dump", Self.deviceFile])
        try Self.checkDevice(dump)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("systemzero-adb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let local = folder.appendingPathComponent("window_dump.xml").path
        let pulled = try await run(executable, ["pull", Self.deviceFile, local])
        try Self.checkDevice(pulled)
        guard pulled.status == 0 else {
            throw .adbFailed("adb pull \(Self.deviceFile) exited \(pulled.status): \(Self.firstLine(pulled.stderr))")
        }
        do throws(ImportError) {
            return try CaptureImporter.readFile(atPath: local, limit: limits.maxBytes)
        } catch {
            throw .invalidCapture(error)
        }
    }

    private func run(_ executable: String, _ arguments: [String]) async throws(CaptureError) -> CommandRunner.Output {
        let command = (serial.map { ["-s", $0] } ?? []) + arguments
        do throws(CommandRunner.Failure) {
            return try await CommandRunner(timeout: timeout, maxOutputBytes: limits.maxBytes + 4096).run(executable, command)
        } catch {
            switch error {
            case .notStarted(let detail): throw .launchFailed(detail)
            case .timedOut: throw .adbFailed("adb \(command.joined(separator: " ")) took longer than \(Int(timeout.seconds)) s")
            case .tooMuchOutput(let limit): throw .invalidCapture(ImportError(.tooLarge(bytes: limit + 1, limit: limit)))
            }
        }
    }

    /// The XML document in `adb` output: from `<?xml` or `<hierarchy` to the end of `</hierarchy>`, leaving out the
    /// "UI hierchary dumped to: /dev/tty" line that uiautomator appends.
    static func hierarchy(in output: [UInt8]) -> [UInt8]? {
        let start =
            ByteSearch.firstOffset(of: Array("<?xml".utf8), in: output) ?? ByteSearch.firstOffset(of: Array("<hierarchy".utf8), in: output)
        let closing = Array("</hierarchy>".utf8)
        guard let start, let end = lastOffset(of: closing, in: output), end > start else { return nil }
        return Array(output[start..<(end + closing.count)])
    }

    private static func lastOffset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return stride(from: haystack.count - needle.count, through: 0, by: -1).first { offset in
            haystack[offset..<(offset + needle.count)].elementsEqual(needle)
        }
    }

    /// Throws ``CaptureError/noDevice(_:)`` when adb's output says there is no usable device.
    static func checkDevice(_ output: CommandRunner.Output) throws(CaptureError) {
        let text = output.stderr + String(decoding: output.stdout.prefix(4096), as: UTF8.self)
        let lowered = text.lowercased()
        let signs = ["no devices/emulators found", "device offline", "device unauthorized", "not found", "no emulators found"]
        if signs.contains(where: lowered.contains), lowered.contains("device") || lowered.contains("emulator") {
            throw .noDevice("\(firstLine(text)) (connect a device with USB debugging on, or name one with --serial; see `adb devices`)")
        }
    }

    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? "no output"
    }
}
