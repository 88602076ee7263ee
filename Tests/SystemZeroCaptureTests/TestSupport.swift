import Foundation
import SystemZeroCapture
import SystemZeroCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The package's files, the shared fixtures and the real Chromium the live tests use.
enum Support {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")

    /// `true` when `../shared/fixtures` exists; the adb tests that print its dumps are skipped otherwise.
    static let fixturesAvailable = FileManager.default.fileExists(atPath: fixtures.path)
    static let fixturesSkipMessage: Comment = "../shared/fixtures is absent (a user's clone has none): fixture tests skipped"

    /// `true` when Chromium is installed where the capture looks for it.
    static let chromiumAvailable = FileManager.default.isExecutableFile(atPath: ChromiumOptions.configuredPath())
    static let chromiumSkipMessage: Comment = "Chromium is not installed (apt-get install chromium): live capture tests skipped"

    /// The uiautomator dumps of the shared fixtures.
    static var uiautomatorDumps: [URL] {
        let folder = fixtures.appendingPathComponent("ui/android_uiautomator")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".xml") }.map { folder.appendingPathComponent($0) }
    }

    /// A demo page of `samples/web` as a file URL.
    static func page(_ path: String) -> String {
        packageRoot.appendingPathComponent("samples/web/\(path)").absoluteString
    }

    /// A fresh temporary folder.
    static func temporaryFolder(_ label: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sz-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// An executable shell script in `folder`.
    ///
    /// Written through a close-on-exec descriptor: tests run in parallel and start processes, and a child that
    /// inherited a descriptor open for writing would make running the script fail with "text file busy".
    static func script(_ name: String, in folder: URL, _ body: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    /// Options for the tests: the default Chromium, short timeouts.
    static func options(settle: Duration = .seconds(15), launch: Duration = .seconds(60), maxMessageBytes: Int = 32 << 20)
        -> ChromiumOptions
    {
        ChromiumOptions(launchTimeout: launch, settleTimeout: settle, maxMessageBytes: maxMessageBytes)
    }

    /// Records an issue for every live process of a browser profile, and kills them so later tests are not disturbed.
    static func expectNoProcesses(of browser: ChromiumBrowser, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let profile = browser.profileDirectory else { return }
        let left = ProcessTable.processes(commandLineContaining: profile)
        #expect(left.isEmpty, "Chromium processes left behind: \(left)", sourceLocation: sourceLocation)
        for pid in left { kill(pid, SIGKILL) }
        #expect(!FileManager.default.fileExists(atPath: profile), "the profile folder is left behind", sourceLocation: sourceLocation)
    }

    /// The rules of the warning and critical events of a result.
    static func alerting(_ result: DriftPipeline.Result) -> Set<String> {
        Set(result.events.filter { $0.severity != .info }.map(\.rule))
    }

    /// The pipeline over the committed templates.
    static func pipeline() throws -> DriftPipeline {
        DriftPipeline(library: try TemplateLibrary.load(directory: packageRoot.appendingPathComponent("templates").path))
    }
}
