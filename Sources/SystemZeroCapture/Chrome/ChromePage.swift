import Foundation
import SystemZeroCore

/// One tab of a ``ChromiumBrowser``: loads a URL, waits until it settles, and reads its accessibility tree with the
/// boxes of its nodes as a ``Capture``.
public struct ChromePage: Sendable {
    /// The browser the tab belongs to.
    public let browser: ChromiumBrowser
    /// The DevTools target id of the tab.
    public let targetID: String
    /// The flattened session that page commands are sent on.
    public let sessionID: String

    private var connection: CDPConnection { browser.connection }
    private var options: ChromiumOptions { browser.options }

    /// Opens a blank tab and prepares it for capturing.
    public static func open(in browser: ChromiumBrowser) async throws(CaptureError) -> ChromePage {
        do throws(CaptureError) {
            let connection = browser.connection
            let target = try await connection.send("Target.createTarget", ["url": "about:blank"])
            guard let targetID = target["targetId"]?.stringValue else { throw .endpoint("Target.createTarget gave no targetId") }
            let attached = try await connection.send("Target.attachToTarget", ["targetId": .string(targetID), "flatten": true])
            guard let sessionID = attached["sessionId"]?.stringValue else {
                throw .endpoint("Target.attachToTarget gave no sessionId")
            }
            let page = ChromePage(browser: browser, targetID: targetID, sessionID: sessionID)
            try await page.send("Page.enable")
            try await page.send("Page.setLifecycleEventsEnabled", ["enabled": true])
            try await page.send("Network.enable")
            try await page.send(
                "Emulation.setDeviceMetricsOverride",
                [
                    "width": .number(Double(browser.options.windowWidth)), "height": .number(Double(browser.options.windowHeight)),
                    "deviceScaleFactor": 1, "mobile": false,
                ])
            try await page.send("Accessibility.enable")
            return page
        } catch {
            throw browser.explain(error)
        }
    }

    /// Loads `url` and waits until it settles: the load event has fired, no request is in flight (or Chromium's own
    /// `networkIdle` has come), and the accessibility tree has stopped changing for ``ChromiumOptions/quietPeriod``.
    /// - Throws: ``CaptureError/navigationFailed(url:reason:)``, or ``CaptureError/pageDidNotSettle(url:seconds:)``
    ///   after ``ChromiumOptions/settleTimeout``.
    public func navigate(to url: String) async throws(CaptureError) {
        let timeout = options.settleTimeout
        let events = await connection.events()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await self.load(url, events: events)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw CaptureError.pageDidNotSettle(url: url, seconds: timeout.seconds)
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch let error as CaptureError {
            throw browser.explain(error)
        } catch {
            if Task.isCancelled { throw .cancelled }
            throw browser.explain(.navigationFailed(url: url, reason: "\(error)"))
        }
    }

    private func load(_ url: String, events: AsyncStream<CDPConnection.Event>) async throws {
        let result = try await send("Page.navigate", ["url": .string(url)], timeout: options.settleTimeout + .seconds(1))
        if let reason = result["errorText"]?.stringValue, !reason.isEmpty {
            throw CaptureError.navigationFailed(url: url, reason: reason)
        }
        guard let frameID = result["frameId"]?.stringValue else { throw CaptureError.navigationFailed(url: url, reason: "no frame") }
        var progress = LoadProgress(frameID: frameID, loaderID: result["loaderId"]?.stringValue)
        for await event in events where event.sessionID == sessionID {
            progress.note(event)
            if progress.isSettled { break }
        }
        try Task.checkCancellation()
        if let reason = await connection.closeReason { throw reason }
        try await waitUntilQuiet()
    }

    /// Waits until two readings of the accessibility tree, ``ChromiumOptions/quietPeriod`` apart, are the same.
    /// A page that keeps changing (a ticking countdown) is taken as it is after three periods.
    public func waitUntilQuiet() async throws(CaptureError) {
        var previous = try await axTree()
        for _ in 0..<3 {
            try? await Task.sleep(for: options.quietPeriod)
            let current = try await axTree()
            if current == previous { return }
            previous = current
        }
    }

    /// Reads the page as it is now.
    public func capture() async throws(CaptureError) -> Capture {
        do throws(CaptureError) {
            let tree = try await axTree()
            let snapshot = try await send("DOMSnapshot.captureSnapshot", ["computedStyles": []])
            let metrics = try await send("Page.getLayoutMetrics")
            var capture: Capture
            do throws(ImportError) {
                capture = try ChromeAXImporter().importCapture(WebTreeShaping.ignoringInlineTextBoxes(tree))
            } catch {
                throw .invalidCapture(error)
            }
            capture.tree = WebTreeShaping.fold(DOMLayout(snapshot: snapshot).attach(to: capture.tree))
            capture.source = "chrome-cdp"
            capture.capturedAt = ISO8601DateFormatter().string(from: Date())
            capture.app = Self.origin(of: capture.tree.attributes["url"])
            let viewport = metrics["cssLayoutViewport"]
            if let width = viewport?["clientWidth"]?.numberValue, let height = viewport?["clientHeight"]?.numberValue {
                capture.viewport = Viewport(width: width, height: height)
            }
            return capture
        } catch {
            throw browser.explain(error)
        }
    }

    /// The web origin of a page (`https://example.com`), the application of its captures; `nil` for local files.
    static func origin(of url: String?) -> String? {
        guard let url, let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host,
            scheme == "http" || scheme == "https"
        else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    /// Closes the tab.
    public func close() async {
        _ = try? await connection.send("Target.closeTarget", ["targetId": .string(targetID)])
    }

    private func axTree() async throws(CaptureError) -> JSONValue {
        try await send("Accessibility.getFullAXTree")
    }

    @discardableResult
    private func send(_ method: String, _ params: JSONValue = .object([]), timeout: Duration? = nil) async throws(CaptureError) -> JSONValue
    {
        try await connection.send(method, params, sessionID: sessionID, timeout: timeout)
    }
}
