import ArgumentParser
import Foundation
import SystemZeroCapture
import SystemZeroCore

struct CaptureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract:
            "Captures the screen of a web page (headless Chromium), an Android device (adb) or a phone under Appium or WebDriverAgent as a native capture."
    )

    @OptionGroup var source: LiveSourceOptions
    @Option(name: .shortAndLong, help: "Write the capture here instead of standard output.") var output: String?
    @Option(help: "The session id written into the capture.") var session: String?

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let source = source
        let (captured, phases) = try await interruptibly {
            try await withCaptureErrors { try await Self.take(source, clock: clock) }
        }
        var capture = captured
        if let session { capture.session = session }
        let text = JSONWriter(style: .pretty).string(NativeCaptureCodec.encode(capture)) + "\n"
        let breakdown = phases.map { "\($0.name) \(Self.milliseconds($0.duration))" }.joined(separator: ", ")
        let summary = "\(capture.tree.subtreeCount) nodes in \(Self.milliseconds(clock.now - started)) (\(breakdown))"
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                printError("error: cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(2)
            }
            printError("captured \(source.label) to \(output): \(summary)")
        } else {
            write(text)
            printError("captured \(source.label): \(summary)")
        }
    }

    /// Opens the source, reads it once and closes it, timing each step.
    static func take(_ source: LiveSourceOptions, clock: ContinuousClock) async throws -> (Capture, [Phase]) {
        let screen = try await source.open()
        var phases: [Phase] = []
        if let chrome = screen as? ChromeSource { phases = [Phase("start", chrome.startup), Phase("load", chrome.load)] }
        do {
            let reading = clock.now
            let capture = try await screen.capture()
            phases.append(Phase("read", clock.now - reading))
            let closing = clock.now
            await screen.close()
            phases.append(Phase("close", clock.now - closing))
            return (capture, phases)
        } catch {
            await screen.close()
            throw error
        }
    }

    /// One timed step of a capture.
    struct Phase: Sendable {
        var name: String
        var duration: Duration

        init(_ name: String, _ duration: Duration) {
            self.name = name
            self.duration = duration
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        "\(Int((duration.seconds * 1000).rounded())) ms"
    }
}

/// Where live captures come from: `--chrome URL`, `--adb` or `--appium URL`, with their settings.
struct LiveSourceOptions: ParsableArguments {
    @Option(help: "Capture this URL (http://, https:// or file://; a plain path is taken as a file) with headless Chromium.")
    var chrome: String?
    @Flag(help: "Capture the screen of the Android device connected through adb.") var adb = false
    @Option(help: "The adb serial of the device (adb -s).") var serial: String?
    @Option(
        help:
            "Capture the screen of the phone that this Appium or WebDriverAgent server drives (http://host:port, with its base path such as /wd/hub if it has one)."
    )
    var appium: String?
    @Option(help: "The WebDriver session to read (default: the only one the server lists).") var appiumSession: String?
    @Option(help: "The Chromium executable (default: $SYSTEMZERO_CHROMIUM_PATH, else /usr/bin/chromium).") var chromium: String?
    @Option(help: "Attach to a running Chromium (ws://… or http://host:port) instead of starting one.") var endpoint: String?
    @Option(help: "The browser window size, WIDTHxHEIGHT.") var window = "1280x800"
    @Option(help: "How long Chromium may take to start.", transform: parseDuration) var launchTimeout: Duration = .seconds(20)
    @Option(help: "How long a page may take to load and go quiet.", transform: parseDuration) var settleTimeout: Duration = .seconds(15)

    func validate() throws {
        guard [chrome != nil, adb, appium != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --chrome URL, --adb and --appium URL")
        }
        guard windowSize != nil else { throw ValidationError("--window takes WIDTHxHEIGHT, such as 1280x800") }
        if serial != nil, !adb { throw ValidationError("--serial goes with --adb") }
        if appiumSession != nil, appium == nil { throw ValidationError("--appium-session goes with --appium") }
        if let appium, appiumURL == nil {
            throw ValidationError("--appium takes the server's URL, such as http://127.0.0.1:4723 (not \(appium))")
        }
    }

    /// The Appium or WebDriverAgent server's URL, when it is an http:// or https:// URL with a host.
    var appiumURL: URL? {
        guard let appium, let url = URL(string: appium), url.scheme == "http" || url.scheme == "https", url.host != nil else { return nil }
        return url
    }

    /// The URL to load: a plain path becomes a file URL.
    var url: String? {
        guard let chrome else { return nil }
        if chrome.contains("://") || chrome.hasPrefix("about:") || chrome.hasPrefix("data:") { return chrome }
        let path = (chrome as NSString).isAbsolutePath ? chrome : FileManager.default.currentDirectoryPath + "/" + chrome
        return URL(fileURLWithPath: path).standardizedFileURL.absoluteString
    }

    var windowSize: (Int, Int)? {
        let parts = window.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ $0 > 0 && $0 <= 10_000 }) else { return nil }
        return (parts[0], parts[1])
    }

    /// What the messages call the source.
    var label: String {
        if let appium { return "Appium \(appium)\(appiumSession.map { " session \($0)" } ?? "")" }
        return url ?? "adb device\(serial.map { " \($0)" } ?? "")"
    }

    /// What a recording's index names as its source: `adb`, `appium URL` or the page's URL.
    var recordingSource: String? {
        if adb { return "adb" }
        if let appium { return "appium \(appium)" }
        return url
    }

    var chromiumOptions: ChromiumOptions {
        let (width, height) = windowSize ?? (1280, 800)
        return ChromiumOptions(
            executable: chromium, windowWidth: width, windowHeight: height, launchTimeout: launchTimeout, settleTimeout: settleTimeout)
    }

    /// Starts the source: Chromium with the page loaded, the Appium session found, or the adb runner.
    func open() async throws(CaptureError) -> any ScreenSource {
        if let url {
            return try await ChromeSource.open(url, options: chromiumOptions, endpoint: endpoint)
        }
        if let appiumURL {
            return try await AppiumSource.open(appiumURL, session: appiumSession)
        }
        return ADBCapturer(serial: serial)
    }

    /// Opens the source and hands each changed screen to `handle` until `limit` of them or cancellation, closing the
    /// source however that ends. Returns how many changed screens there were, or `nil` when the opening itself was
    /// cancelled (Ctrl-C while Chromium started).
    func watch(interval: Duration, limit: Int?, _ handle: (Capture, UITree) async throws -> Void) async throws -> Int? {
        let screen: any ScreenSource
        do {
            screen = try await open()
        } catch .cancelled {
            return nil
        }
        do {
            let seen = try await ScreenWatcher(source: screen, interval: interval, limit: limit).run(handle)
            await screen.close()
            return seen
        } catch {
            await screen.close()
            throw error
        }
    }
}

/// Reads `2s`, `500ms`, `1m` or a number of seconds.
func parseDuration(_ text: String) throws -> Duration {
    guard let duration = DurationText.parse(text) else { throw ValidationError("\(text) is not a duration (such as 2s, 500ms, 1m)") }
    return duration
}

/// Runs `body`; a capture error is printed to standard error and ends the command with exit code 2 (130 when it was
/// interrupted).
func withCaptureErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as CaptureError {
        printError("error: \(error)")
        throw ExitCode(error == .cancelled ? 130 : 2)
    }
}

/// Runs `body` in a task that SIGINT (Ctrl-C) and SIGTERM cancel, so that the source it opened is closed (and
/// Chromium killed) however the command ends.
func interruptibly<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let task = Task { try await body() }
    let interruption = Interruption(cancelling: task)
    defer { interruption.stop() }
    return try await task.value
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
