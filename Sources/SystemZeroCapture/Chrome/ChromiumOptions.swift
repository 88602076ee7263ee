import Foundation

/// How to start Chromium and how long to wait for it.
public struct ChromiumOptions: Sendable, Hashable {
    /// The environment variable that names the Chromium executable.
    public static let pathVariable = "SYSTEMZERO_CHROMIUM_PATH"
    /// The executable used when neither an option nor the environment names one.
    public static let defaultPath = "/usr/bin/chromium"

    /// The Chromium executable.
    public var executable: String
    /// The window (and so the viewport) width in CSS pixels.
    public var windowWidth: Int
    /// The window (and so the viewport) height in CSS pixels.
    public var windowHeight: Int
    /// How long Chromium may take to open its DevTools endpoint.
    public var launchTimeout: Duration
    /// How long one DevTools command may take.
    public var commandTimeout: Duration
    /// How long a page may take to load and go quiet.
    public var settleTimeout: Duration
    /// How long the network must stay idle (and the DOM unchanged) for the page to count as settled.
    public var quietPeriod: Duration
    /// The largest DevTools message accepted, in bytes.
    public var maxMessageBytes: Int
    /// More command-line switches for Chromium.
    public var extraArguments: [String]

    /// - Parameter executable: the Chromium path; `nil` reads ``pathVariable`` and falls back to ``defaultPath``.
    public init(
        executable: String? = nil, windowWidth: Int = 1280, windowHeight: Int = 800, launchTimeout: Duration = .seconds(20),
        commandTimeout: Duration = .seconds(15), settleTimeout: Duration = .seconds(15), quietPeriod: Duration = .milliseconds(300),
        maxMessageBytes: Int = 32 << 20, extraArguments: [String] = []
    ) {
        self.executable = executable ?? Self.configuredPath()
        self.windowWidth = windowWidth
        self.windowHeight = windowHeight
        self.launchTimeout = launchTimeout
        self.commandTimeout = commandTimeout
        self.settleTimeout = settleTimeout
        self.quietPeriod = quietPeriod
        self.maxMessageBytes = maxMessageBytes
        self.extraArguments = extraArguments
    }

    /// The path from ``pathVariable``, or ``defaultPath``.
    public static func configuredPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment[pathVariable], !path.isEmpty { return path }
        return defaultPath
    }

    /// The origin the WebSocket client sends, which Chromium must allow (`--remote-allow-origins`). No web page has
    /// a `ws://` origin, so allowing it lets System//Zero in and keeps pages out.
    public static let clientOrigin = "ws://127.0.0.1"

    /// The switches Chromium is started with, `userDataDirectory` holding its profile and `DevToolsActivePort`.
    public func arguments(userDataDirectory: String) -> [String] {
        [
            "--headless", "--no-sandbox", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
            "--remote-allow-origins=\(Self.clientOrigin)",
            "--user-data-dir=\(userDataDirectory)", "--window-size=\(windowWidth),\(windowHeight)", "--no-first-run",
            "--no-default-browser-check", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions",
            "--disable-background-networking", "--disable-sync", "--disable-component-update", "--metrics-recording-only",
            "--mute-audio", "--hide-scrollbars", "--force-device-scale-factor=1", "about:blank",
        ] + extraArguments
    }

    /// The environment Chromium is started with besides the inherited one.
    ///
    /// Chromium's crash handler (crashpad) daemonizes out of the browser's process group; pointing its database into
    /// the profile folder puts that folder on its command line, so it can be found and ended with the browser.
    /// (`--disable-crashpad-for-testing` would avoid it, but makes the network service crash on Debian's build.)
    public func environment(userDataDirectory: String) -> [String: String] {
        ["BREAKPAD_DUMP_LOCATION": (userDataDirectory as NSString).appendingPathComponent("crash")]
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
