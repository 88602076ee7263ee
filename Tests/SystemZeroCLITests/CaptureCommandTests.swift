import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `capture`, `record`, `watch` and `baseline build --from-session` through the real binary, with the real headless
/// Chromium and a stand-in `adb` on the PATH.
@Suite(.serialized)
struct CaptureCommandTests {
    static let chromiumAvailable = FileManager.default.isExecutableFile(
        atPath: ProcessInfo.processInfo.environment["SYSTEMZERO_CHROMIUM_PATH"] ?? "/usr/bin/chromium")
    static let chromiumSkipMessage: Comment = "Chromium is not installed (apt-get install chromium): live capture tests skipped"
    static let dumps = CLIRunner.fixtures.appendingPathComponent("ui/android_uiautomator")

    @Test(.enabled(if: chromiumAvailable, chromiumSkipMessage))
    func captureChromeWritesANativeCaptureThatChecksAsItsScreen() throws {
        let folder = try Self.folder("capture")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("offer.json").path
        let result = try CLIRunner.run(
            ["capture", "--chrome", "samples/web/offer_card/demoted_decline.html", "-o", output], environment: ["TMPDIR": folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("captured file://") && result.stderr.contains(" nodes in "), "\(result.stderr)")
        let check = try CLIRunner.run(["check", output, "--json"])
        #expect(check.status == 1, "critical event: \(check.stderr)")
        #expect(check.stdout.contains("\"screen\": \"web_offer_card\""))
        #expect(check.stdout.contains("\"rule\": \"demoted_alternative\""))
        Self.expectNoChromium(in: folder)
    }

    @Test func captureWithoutASourceIsAUsageError() throws {
        let result = try CLIRunner.run(["capture"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("give exactly one of --chrome URL, --adb and --appium URL"))
    }

    @Test func aChromiumThatIsNotThereIsAPlainError() throws {
        let result = try CLIRunner.run(["capture", "--chrome", "about:blank", "--chromium", "/nonexistent/chromium"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: cannot start the capture source: /nonexistent/chromium is not an executable file\n")
    }

    @Test(.enabled(if: CLIRunner.fixturesAvailable, Comment(rawValue: CLIRunner.skipMessage)))
    func captureADBImportsTheDeviceDump() throws {
        let folder = try Self.folder("adb")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.standInADB(in: folder, dump: Self.dumps.appendingPathComponent("nora__window_dump.xml").path)
        let result = try CLIRunner.run(["capture", "--adb"], environment: ["PATH": folder.path + ":/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["source"] as? String == "android-uiautomator")
        #expect(json?["captured_at"] != nil)
        let children = (json?["tree"] as? [String: Any])?["children"] as? [[String: Any]] ?? []
        #expect(children.first?["bounds"] != nil, "the window's nodes have their boxes: \(result.stdout.prefix(500))")
    }

    @Test func captureADBWithNoDeviceSaysSo() throws {
        let folder = try Self.folder("adb-none")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.standInADB(in: folder, dump: "/dev/null", noDevice: true)
        let result = try CLIRunner.run(["capture", "--adb"], environment: ["PATH": folder.path + ":/usr/bin:/bin"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: no Android device: adb: no devices/emulators found"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(.enabled(if: chromiumAvailable, chromiumSkipMessage))
    func recordKeepsDistinctScreensAndBaselineBuildsFromTheSession() throws {
        let folder = try Self.folder("record")
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = folder.appendingPathComponent("session").path
        let record = try CLIRunner.run(
            [
                "record", "--chrome", "samples/web/offer_card/countdown.html", "--session", "countdown", "--interval", "1100ms",
                "--count", "3", "--out", session,
            ], environment: ["TMPDIR": folder.path])
        #expect(record.status == 0, "\(record.stderr)")
        let index =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: session + "/index.json"))) as? [String: Any]
        let captures = index?["captures"] as? [[String: Any]] ?? []
        #expect(index?["session"] as? String == "countdown")
        #expect(captures.count == 3, "the countdown differs on every look: \(captures)")
        #expect(Set(captures.compactMap { $0["structure_signature"] as? String }).count == 1)
        Self.expectNoChromium(in: folder)

        let templates = folder.appendingPathComponent("templates").path
        let build = try CLIRunner.run(["baseline", "build", "--from-session", session, "--screen-id", "countdown_offer", "-o", templates])
        #expect(build.status == 0, "\(build.stderr)")
        let yaml = try String(contentsOfFile: templates + "/countdown_offer.yaml", encoding: .utf8)
        #expect(yaml.contains("screen_id: \"countdown_offer\""))
        #expect(yaml.contains("- \"#countdown\""), "the ticking timer is masked:\n\(yaml)")
        let validate = try CLIRunner.run(["baseline", "validate", templates])
        #expect(validate.status == 0, "\(validate.stderr)")
    }

    @Test(.enabled(if: chromiumAvailable, chromiumSkipMessage))
    func watchChecksLocallyIntoTheLedgerAndPrintsEvents() throws {
        let folder = try Self.folder("watch")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        let result = try CLIRunner.run(
            ["watch", "--chrome", "samples/web/consent_dialog/preticked_box.html", "--count", "1", "--data", data],
            environment: ["TMPDIR": folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("web_consent_dialog (score "), "\(result.stdout)")
        #expect(result.stdout.contains("[warning] manipulative/preselection: "), "\(result.stdout)")
        let log = try CLIRunner.run(["log", "--data", data])
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.contains("preselection"), "\(log.stdout)")
        let verify = try CLIRunner.run(["verify", "--data", data])
        #expect(verify.status == 0, "\(verify.stderr)")
        Self.expectNoChromium(in: folder)
    }

    @Test(.enabled(if: chromiumAvailable, chromiumSkipMessage))
    func ctrlCEndsAWatchCleanly() throws {
        let folder = try Self.folder("watch-int")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = [
            "watch", "--chrome", "samples/web/offer_card/clean.html", "--interval", "500ms", "--data",
            folder.appendingPathComponent("data").path,
        ]
        process.currentDirectoryURL = CLIRunner.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": folder.path]) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Wait for the first capture to be printed, then press Ctrl-C.
        var printed = Data()
        let deadline = Date().addingTimeInterval(30)
        while !String(decoding: printed, as: UTF8.self).contains("web_offer_card"), Date() < deadline, process.isRunning {
            printed.append(out.fileHandleForReading.availableData)
        }
        #expect(String(decoding: printed, as: UTF8.self).contains("web_offer_card (score "))
        kill(process.processIdentifier, SIGINT)
        let stop = Date().addingTimeInterval(15)
        while process.isRunning, Date() < stop { usleep(50_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains("watched file://"), "\(stderr)")
        Self.expectNoChromium(in: folder)
    }

    @Test(.enabled(if: chromiumAvailable, chromiumSkipMessage))
    func watchPostsToAServerAndPrintsItsEvents() throws {
        let folder = try Self.folder("watch-server")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        let config = folder.appendingPathComponent("config").path
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        let storage = [
            "--data", data, "--config", config, "--templates", "templates", "--env-file", folder.appendingPathComponent(".env").path,
        ]
        let created = try CLIRunner.run(["keys", "create", "--role", "operator", "--name", "watcher"] + storage)
        #expect(created.status == 0, "\(created.stderr)")
        let key = String(created.stdout.split(separator: "\n").first ?? "")

        let log = folder.appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let server = Process()
        server.executableURL = CLIRunner.binary
        server.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"] + storage
        server.currentDirectoryURL = CLIRunner.packageRoot
        server.standardOutput = try FileHandle(forWritingTo: log)
        server.standardError = try FileHandle(forWritingTo: log)
        try server.run()
        defer {
            server.interrupt()
            server.waitUntilExit()
        }
        var address: String?
        let deadline = Date().addingTimeInterval(20)
        while address == nil, Date() < deadline, server.isRunning {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            address = text.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map { String($0.prefix { !$0.isNewline }) }
            usleep(50_000)
        }
        let url = try #require(address, "the server did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")

        let result = try CLIRunner.run(
            ["watch", "--chrome", "samples/web/checkout/hidden_fee.html", "--count", "1", "--server", url, "--key", key, "--json"],
            environment: ["TMPDIR": folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(line?["screen"] as? String == "web_checkout")
        #expect((line?["seq"] as? Int).map { $0 >= 0 } == true)
        let rules = (line?["events"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(rules.contains("information_hiding"), "\(result.stdout)")
        Self.expectNoChromium(in: folder)
    }

    @Test(.enabled(if: chromiumAvailable, chromiumSkipMessage))
    func aServerThatIsNotThereIsAPlainError() throws {
        let folder = try Self.folder("watch-refused")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLIRunner.run(
            ["watch", "--chrome", "samples/web/checkout/clean.html", "--count", "1", "--server", "http://127.0.0.1:1", "--key", "sz_x_y"],
            environment: ["TMPDIR": folder.path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: cannot post the capture: http://127.0.0.1:1/captures: "), "\(result.stderr)")
        Self.expectNoChromium(in: folder)
    }

    @Test(.enabled(if: CLIRunner.fixturesAvailable, Comment(rawValue: CLIRunner.skipMessage)))
    func captureRecordAndWatchReadAPhoneThroughAppium() throws {
        let folder = try Self.folder("appium")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ios = CLIRunner.fixtures.appendingPathComponent("ui/ios_xcuitest")
        let sources = [
            "ldi-github__shirates-core__XmlDataIos.kt__SettingsTopScreen.xml",
            "ldi-github__shirates-core__XmlDataIos.kt__KeyboardScreen.xml",
        ]
        .map { ios.appendingPathComponent($0).path }
        let (server, url) = try Self.standInAppium(sources + sources)
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let capture = try CLIRunner.run(["capture", "--appium", url, "-o", folder.appendingPathComponent("phone.json").path])
        #expect(capture.status == 0, "\(capture.stderr)")
        #expect(capture.stderr.contains("captured Appium \(url) to "), "\(capture.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("phone.json"))) as? [String: Any]
        #expect(json?["source"] as? String == "ios-xcuitest")
        #expect((json?["tree"] as? [String: Any])?["name"] as? String == "Settings")

        let session = folder.appendingPathComponent("session").path
        let record = try CLIRunner.run(
            [
                "record", "--appium", url, "--appium-session", "5f0c2a9e-3b71-4f6e-9d1a-7c2e8b4a6d10", "--session", "phone", "--interval",
                "10ms", "--count", "3", "--out", session,
            ])
        #expect(record.status == 0, "\(record.stderr)")
        let index =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: session + "/index.json"))) as? [String: Any]
        #expect(
            (index?["captures"] as? [[String: Any]])?.count == 2, "the keyboard screen, then the settings screen again: \(index ?? [:])")
        #expect(index?["source"] as? String == "appium \(url)")

        let data = folder.appendingPathComponent("data").path
        let watch = try CLIRunner.run(["watch", "--appium", url, "--count", "1", "--json", "--data", data])
        #expect(watch.status == 0, "\(watch.stderr)")
        let line = try JSONSerialization.jsonObject(with: Data(watch.stdout.utf8)) as? [String: Any]
        #expect(line?["seq"] as? Int == 0, "\(watch.stdout)")
        #expect(watch.stderr.contains("watched Appium \(url): 1 screen"), "\(watch.stderr)")
        #expect(try CLIRunner.run(["verify", "--data", data]).status == 0)

        let refused = try CLIRunner.run(["capture", "--appium", url, "--appium-session", "gone"])
        #expect(refused.status == 2)
        #expect(
            refused.stderr.hasPrefix("error: the Appium or WebDriverAgent server refused GET /session/gone/source: invalid session id: "),
            "\(refused.stderr)")
        let usage = try CLIRunner.run(["capture", "--appium", "127.0.0.1:4723"])
        #expect(usage.status == 64 && usage.stderr.contains("--appium takes the server's URL"), "\(usage.stderr)")
        let alone = try CLIRunner.run(["capture", "--adb", "--appium-session", "x"])
        #expect(alone.status == 64 && alone.stderr.contains("--appium-session goes with --appium"), "\(alone.stderr)")
    }

    // MARK: - Helpers

    /// Starts the stand-in Appium server of `Tests/Support/webdriver_standin.py` serving `sources` in turn; SIGTERM
    /// stops it.
    static func standInAppium(_ sources: [String]) throws -> (Process, String) {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = [CLIRunner.packageRoot.appendingPathComponent("Tests/Support/webdriver_standin.py").path] + sources
        let input = Pipe()
        let output = Pipe()
        server.standardInput = input
        server.standardOutput = output
        try server.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        return (server, line.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func folder(_ label: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sz-cli-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// No live Chromium process has a profile under `folder` (the TMPDIR the command ran with).
    static func expectNoChromium(in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let left = entries.filter { entry in
            guard Int32(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).contains(folder.path + "/systemzero-chromium-")
        }
        #expect(left.isEmpty, "Chromium processes left behind: \(left)", sourceLocation: sourceLocation)
        for pid in left.compactMap({ Int32($0) }) { kill(pid, SIGKILL) }
        let profiles = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasPrefix("systemzero-chromium-")
        }
        #expect(profiles.isEmpty, "profile folders left behind: \(profiles)", sourceLocation: sourceLocation)
    }

    /// A stand-in `adb` that prints `dump` for `exec-out uiautomator dump /dev/tty`, or says there is no device.
    static func standInADB(in folder: URL, dump: String, noDevice: Bool = false) throws {
        let body =
            noDevice
            ? "echo 'adb: no devices/emulators found' >&2\nexit 1"
            : "[ \"$1 $2 $3\" = 'exec-out uiautomator dump' ] || exit 1\ncat '\(dump)'\necho 'UI hierchary dumped to: /dev/tty'"
        // A close-on-exec descriptor, so that no process started meanwhile keeps the script open for writing.
        let fd = open(folder.appendingPathComponent("adb").path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let bytes = Array("#!/bin/sh\n\(body)\n".utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
    }
}
