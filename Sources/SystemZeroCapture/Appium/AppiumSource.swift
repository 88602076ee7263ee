import Foundation
import SystemZeroCore

/// The screen of a phone read through a running Appium or WebDriverAgent server, over its HTTP protocol (W3C
/// WebDriver): each ``capture()`` is `GET /session/{id}/source`, whose `value` is the page source, imported as an
/// Appium UiAutomator2 page source (Android) or an XCUITest one (iOS) by its root element.
///
/// The session is the one named, or the only one the server lists (`GET /appium/sessions` on Appium 2 and 3,
/// `GET /sessions` on Appium 1, the `sessionId` of `GET /status` on WebDriverAgent); it belongs to whoever started it
/// and is left open.
public struct AppiumSource: ScreenSource {
    /// The server, through which every request goes.
    public let client: WebDriverClient
    /// The WebDriver session whose screen is read.
    public let session: String
    /// The limits of the imported page source.
    public let limits: ImportLimits

    /// Checks that the server answers (`GET /status`) and finds the session.
    /// - Throws: ``CaptureError/webDriver(_:)`` when the server is not there or no single session can be chosen,
    ///   ``CaptureError/webDriverRefused(request:error:message:)`` when it refuses.
    public static func open(
        _ server: URL, session: String? = nil, timeout: Duration = .seconds(30), limits: ImportLimits = .default
    ) async throws(CaptureError) -> AppiumSource {
        // A page source is sent as a JSON string: escaping can make it up to twice as long, and a little more.
        let client = WebDriverClient(server: server, timeout: timeout, maxResponseBytes: min(limits.maxBytes, Int.max / 4) * 2 + 65_536)
        guard case .value(_, let current) = try await client.get("/status") else {
            throw .webDriver(
                "\(server.absoluteString)/status is not there: is this an Appium or WebDriverAgent server (with its base path)?")
        }
        let chosen: String
        if let session {
            chosen = session
        } else {
            chosen = try await Self.onlySession(client, current: current)
        }
        guard chosen.utf8.count <= 256, chosen.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw .webDriver("the session id \"\(chosen.prefix(80))\" is not one (letters, digits, -, _ and . only)")
        }
        return AppiumSource(client: client, session: chosen, limits: limits)
    }

    /// The one session the server lists; `current` is the session `/status` named.
    static func onlySession(_ client: WebDriverClient, current: String?) async throws(CaptureError) -> String {
        var listed: [JSONValue]?
        for path in ["/appium/sessions", "/sessions"] {
            if case .value(let value, _) = try await client.get(path) {
                listed = value.arrayValue ?? []
                break
            }
        }
        let server = client.server.absoluteString
        guard let listed else {
            // WebDriverAgent lists no sessions; its status names the current one.
            if let current { return current }
            throw .webDriver("\(server) lists no sessions (neither /appium/sessions nor /sessions): name one with --appium-session")
        }
        let ids = listed.compactMap { $0["id"]?.stringValue ?? $0["sessionId"]?.stringValue }
        switch ids.count {
        case 1: return ids[0]
        case 0:
            throw .webDriver(
                "\(server) has no session open: start one (your test or Appium Inspector does), or name one with --appium-session")
        default:
            throw .webDriver("\(server) has \(ids.count) sessions open (\(ids.joined(separator: ", "))): name one with --appium-session")
        }
    }

    /// Reads the page source and imports it.
    public func capture() async throws(CaptureError) -> Capture {
        let value = try await client.value("/session/\(session)/source")
        guard let source = value.stringValue else {
            throw .webDriver("the page source of session \(session) is \(value.kindName), not a string")
        }
        let bytes = Array(source.utf8)
        var capture: Capture
        do throws(ImportError) {
            let format = CaptureFormat.detect(bytes)
            guard format == .uiautomator || format == .xcuitest else {
                throw ImportError(.invalidValue("the page source is not XML (an Android or iOS page source starts with <)"))
            }
            capture = try CaptureImporter(limits: limits).importCapture(bytes, format: format)
        } catch {
            throw .invalidCapture(error)
        }
        capture.capturedAt = ISO8601DateFormatter().string(from: Date())
        return capture
    }

    /// Nothing to release: the session is not ours to end.
    public func close() async {}
}
