import SystemZeroCore

/// Why a live capture failed. Every message says what happened and, where it helps, what to do.
public enum CaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The browser or tool could not be started at all.
    case launchFailed(String)
    /// Chromium did not open its DevTools endpoint in time.
    case browserDidNotStart(seconds: Double, log: String)
    /// Chromium ended while it was being used.
    case browserExited(status: Int32, log: String)
    /// The DevTools endpoint could not be reached or spoke something else.
    case endpoint(String)
    /// A DevTools command got no answer in time.
    case commandTimedOut(method: String, seconds: Double)
    /// A DevTools command was answered with an error.
    case protocolError(method: String, message: String)
    /// A DevTools message was larger than the limit.
    case messageTooLarge(limit: Int)
    /// The connection to the browser closed.
    case connectionClosed(String)
    /// The page failed to load.
    case navigationFailed(url: String, reason: String)
    /// The page did not finish loading and go quiet in time.
    case pageDidNotSettle(url: String, seconds: Double)
    /// No Android device is connected (or the one named is not).
    case noDevice(String)
    /// `adb` failed.
    case adbFailed(String)
    /// The Appium or WebDriverAgent server could not be reached, answered something that is not WebDriver, or has no
    /// single session to read.
    case webDriver(String)
    /// The Appium or WebDriverAgent server refused a request with a WebDriver error.
    case webDriverRefused(request: String, error: String, message: String)
    /// What the source returned is not a capture.
    case invalidCapture(ImportError)
    /// A recording or capture file could not be written.
    case fileError(String)
    /// The server refused or did not answer an upload.
    case uploadFailed(String)
    /// The capture was cancelled (Ctrl-C) before it finished.
    case cancelled

    public var description: String {
        switch self {
        case .launchFailed(let detail):
            "cannot start the capture source: \(detail)"
        case .browserDidNotStart(let seconds, let log):
            "Chromium did not open its DevTools endpoint within \(Self.format(seconds)) s" + Self.suffix(log)
        case .browserExited(let status, let log):
            "Chromium exited (status \(status)) during the capture" + Self.suffix(log)
        case .endpoint(let detail):
            "the DevTools endpoint is not usable: \(detail)"
        case .commandTimedOut(let method, let seconds):
            "the browser did not answer \(method) within \(Self.format(seconds)) s"
        case .protocolError(let method, let message):
            "the browser refused \(method): \(message)"
        case .messageTooLarge(let limit):
            "a DevTools message is larger than the limit of \(limit) bytes"
        case .connectionClosed(let detail):
            "the DevTools connection closed: \(detail)"
        case .navigationFailed(let url, let reason):
            "cannot load \(url): \(reason)"
        case .pageDidNotSettle(let url, let seconds):
            "\(url) did not finish loading and go quiet within \(Self.format(seconds)) s (raise --settle-timeout for slow pages)"
        case .noDevice(let detail):
            "no Android device: \(detail)"
        case .adbFailed(let detail):
            "adb failed: \(detail)"
        case .webDriver(let detail):
            "the Appium or WebDriverAgent server is not usable: \(detail)"
        case .webDriverRefused(let request, let error, let message):
            "the Appium or WebDriverAgent server refused \(request): \(error)" + (message.isEmpty ? "" : ": \(message)")
        case .invalidCapture(let error):
            "the captured screen could not be read: \(error)"
        case .fileError(let detail):
            detail
        case .uploadFailed(let detail):
            "cannot post the capture: \(detail)"
        case .cancelled:
            "interrupted"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private static func suffix(_ log: String) -> String {
        log.isEmpty ? "" : "; its last output:\n" + log
    }
}
