import Foundation

/// A headless Chromium that System//Zero started (or one it attached to) and its DevTools connection.
///
/// A started browser runs in a process group of its own with a temporary profile; ``close()`` kills the group and
/// removes the profile, so nothing is left behind. Call it on every path, errors included.
public final class ChromiumBrowser: Sendable {
    /// The browser-level DevTools connection.
    public let connection: CDPConnection
    /// The options it was started or attached with.
    public let options: ChromiumOptions
    /// The Chromium process, when System//Zero started it.
    public let process: ChildProcess?
    /// The temporary profile folder of a started browser.
    public let profileDirectory: String?

    private init(connection: CDPConnection, options: ChromiumOptions, process: ChildProcess?, profileDirectory: String?) {
        self.connection = connection
        self.options = options
        self.process = process
        self.profileDirectory = profileDirectory
    }

    /// Starts headless Chromium and connects to it.
    ///
    /// The DevTools port is chosen by Chromium (`--remote-debugging-port=0`) and read from the `DevToolsActivePort`
    /// file it writes into the profile folder.
    /// - Throws: ``CaptureError/launchFailed(_:)``, ``CaptureError/browserExited(status:log:)`` or
    ///   ``CaptureError/browserDidNotStart(seconds:log:)`` within ``ChromiumOptions/launchTimeout``.
    public static func launch(_ options: ChromiumOptions = ChromiumOptions()) async throws(CaptureError) -> ChromiumBrowser {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("systemzero-chromium-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
        } catch {
            throw .launchFailed("cannot make the profile folder \(profile): \(error.localizedDescription)")
        }
        let process: ChildProcess
        do throws(CaptureError) {
            process = try ChildProcess.spawn(
                executable: options.executable, arguments: options.arguments(userDataDirectory: profile),
                environment: options.environment(userDataDirectory: profile),
                logFile: (profile as NSString).appendingPathComponent("chromium.log"))
        } catch {
            try? FileManager.default.removeItem(atPath: profile)
            throw error
        }
        do throws(CaptureError) {
            let url = try await waitForEndpoint(process: process, profile: profile, timeout: options.launchTimeout)
            let connection = try await CDPConnection.connect(
                url: url, maxMessageBytes: options.maxMessageBytes, commandTimeout: options.commandTimeout)
            return ChromiumBrowser(connection: connection, options: options, process: process, profileDirectory: profile)
        } catch {
            Self.end(process, profile: profile)
            throw error
        }
    }

    /// Connects to a Chromium that is already running with a DevTools port.
    /// - Parameter endpoint: the browser's WebSocket URL (`ws://host:port/devtools/browser/…`) or its HTTP address
    ///   (`http://host:port`), from which the WebSocket URL is read at `/json/version`.
    public static func attach(to endpoint: String, options: ChromiumOptions = ChromiumOptions()) async throws(CaptureError)
        -> ChromiumBrowser
    {
        let url: String
        if endpoint.hasPrefix("ws://") || endpoint.hasPrefix("wss://") {
            url = endpoint
        } else {
            url = try DevToolsDiscovery.webSocketURL(httpEndpoint: endpoint, timeout: options.commandTimeout)
        }
        let connection = try await CDPConnection.connect(
            url: url, maxMessageBytes: options.maxMessageBytes, commandTimeout: options.commandTimeout)
        return ChromiumBrowser(connection: connection, options: options, process: nil, profileDirectory: nil)
    }

    /// Closes the connection; a started browser is killed with its whole process group and its profile removed.
    public func close() async {
        // A started browser is killed at once: a polite WebSocket close first would only add a round trip.
        if let process, let profileDirectory { Self.end(process, profile: profileDirectory) }
        await connection.close()
    }

    /// Kills the browser's process group, then whatever else names its profile (the crash handler), and removes
    /// the profile.
    private static func end(_ process: ChildProcess, profile: String) {
        process.terminate()
        ProcessTable.killAll(commandLineContaining: profile)
        try? FileManager.default.removeItem(atPath: profile)
    }

    /// The error to report when the connection failed: a crash of a started browser explains it best.
    ///
    /// A dying process closes its sockets before it can be reaped, so the process gets a moment to be seen ending.
    public func explain(_ error: CaptureError) -> CaptureError {
        guard let process else { return error }
        switch error {
        case .connectionClosed, .commandTimedOut, .pageDidNotSettle:
            let deadline = ContinuousClock.now + .seconds(1)
            repeat {
                if let status = process.exitStatus() {
                    return .browserExited(status: status, log: process.logTail())
                }
                usleep(10_000)
            } while ContinuousClock.now < deadline && Self.isClosure(error)
            return error
        default:
            return error
        }
    }

    private static func isClosure(_ error: CaptureError) -> Bool {
        if case .connectionClosed = error { return true }
        return false
    }

    private static func waitForEndpoint(process: ChildProcess, profile: String, timeout: Duration) async throws(CaptureError) -> String {
        let file = (profile as NSString).appendingPathComponent("DevToolsActivePort")
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                let lines = text.split(separator: "\n")
                if lines.count >= 2, let port = Int(lines[0]) { return "ws://127.0.0.1:\(port)\(lines[1])" }
            }
            if let status = process.exitStatus() {
                throw .browserExited(status: status, log: process.logTail())
            }
            if Task.isCancelled { throw .cancelled }
            try? await Task.sleep(for: .milliseconds(25))
        }
        throw .browserDidNotStart(seconds: timeout.seconds, log: process.logTail())
    }
}
