import Foundation
import SystemZeroCore

/// Speaks the few routes of the W3C WebDriver protocol that reading a screen needs, to an Appium or
/// WebDriverAgent server: every answer is JSON whose `value` member holds the result, or, for a refusal,
/// `{"error": …, "message": …}` (W3C), or a non-zero `status` beside the `value` (Appium 1's JSON wire protocol).
public struct WebDriverClient: Sendable {
    /// The server's base URL, such as `http://127.0.0.1:4723` (or with Appium 1's `/wd/hub`).
    public var server: URL
    /// How long one request may take.
    public var timeout: Duration
    /// The longest answer read, in bytes.
    public var maxResponseBytes: Int

    public init(server: URL, timeout: Duration = .seconds(30), maxResponseBytes: Int = 64 << 20) {
        self.server = server
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// What a GET answered.
    public enum Answer: Sendable {
        /// The `value` of a successful answer, and the session it names, if any (WebDriverAgent names its current
        /// session beside the value, or in the value of `/status`).
        case value(JSONValue, session: String?)
        /// The server knows no such route (HTTP 404 with `unknown command`, or `unknown method`).
        case unknownRoute
    }

    /// GETs `path` (below the base URL) and returns its `value`.
    /// - Throws: ``CaptureError/webDriverRefused(request:error:message:)`` for a WebDriver error,
    ///   ``CaptureError/webDriver(_:)`` when the server cannot be reached or answers something else.
    public func value(_ path: String) async throws(CaptureError) -> JSONValue {
        switch try await get(path) {
        case .value(let value, _): return value
        case .unknownRoute:
            throw .webDriverRefused(request: "GET \(path)", error: "unknown command", message: "the server has no such route")
        }
    }

    /// GETs `path` (below the base URL), telling a route the server does not have from other refusals.
    public func get(_ path: String) async throws(CaptureError) -> Answer {
        let text = server.absoluteString.hasSuffix("/") ? String(server.absoluteString.dropLast()) : server.absoluteString
        guard let url = URL(string: text + path) else { throw .webDriver("\(text + path) is not a URL") }
        let fetched: (status: Int, body: Data)
        do throws(BoundedFetch.Failure) {
            fetched = try await BoundedFetch.get(url, accept: "application/json", timeout: timeout, limit: maxResponseBytes)
        } catch {
            switch error {
            case .transport(let detail): throw .webDriver("GET \(url.absoluteString): \(detail)")
            case .tooLarge(let limit):
                throw .webDriver("the answer to GET \(url.absoluteString) is larger than the limit of \(limit) bytes")
            case .cancelled: throw .cancelled
            }
        }
        let limits = ImportLimits(maxBytes: maxResponseBytes, maxDepth: 64, maxNodes: 1_000_000, maxStringLength: maxResponseBytes)
        guard let document = try? JSONParser(limits: limits).parse([UInt8](fetched.body)), document.objectValue != nil else {
            let start = String(decoding: fetched.body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .webDriver(
                "GET \(url.absoluteString) answered \(fetched.status) with something that is not WebDriver JSON"
                    + (start.isEmpty ? "" : ": \(start)"))
        }
        let value = document["value"] ?? .null
        if let error = value["error"]?.stringValue {
            if error == "unknown command" || error == "unknown method" { return .unknownRoute }
            throw .webDriverRefused(request: "GET \(path)", error: error, message: value["message"]?.stringValue ?? "")
        }
        if let status = document["status"]?.numberValue, status != 0 {
            // Appium 1 (JSON wire protocol): 9 is "unknown command".
            if status == 9 { return .unknownRoute }
            throw .webDriverRefused(
                request: "GET \(path)", error: "status \(Int(exactly: status).map(String.init) ?? String(status))",
                message: value["message"]?.stringValue ?? "")
        }
        guard (200..<300).contains(fetched.status) else {
            if fetched.status == 404 { return .unknownRoute }
            throw .webDriver("GET \(url.absoluteString) answered \(fetched.status)")
        }
        return .value(value, session: document["sessionId"]?.stringValue ?? value["sessionId"]?.stringValue)
    }
}
