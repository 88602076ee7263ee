import Foundation
import SystemZeroCapture
import SystemZeroCore
import Testing

/// `AppiumSource` through real HTTP against the stand-in Appium / WebDriverAgent server of
/// `Tests/Support/webdriver_standin.py`, serving the real page sources of the shared fixtures and our own.
@Suite(.enabled(if: WebDriverStandIn.pythonAvailable, "python3 is not installed: the Appium capture tests are skipped"))
struct AppiumSourceTests {
    static let android = Support.fixtures.appendingPathComponent("ui/appium_android")
    static let ios = Support.fixtures.appendingPathComponent("ui/ios_xcuitest")
    static let androidSources = Self.files(android)
    static let iosSources = Self.files(ios)

    @Test(arguments: [WebDriverStandIn.Listing.appium, .legacy, .wda])
    func theOneSessionIsFoundAndItsScreenRead(_ listing: WebDriverStandIn.Listing) async throws {
        let folder = try Support.temporaryFolder("appium")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try Self.write("ios.xml", Self.iosScreen, in: folder)
        let server = try WebDriverStandIn(sources: [source], listing: listing)
        defer { server.stop() }
        let appium = try await AppiumSource.open(server.url)
        #expect(appium.session == WebDriverStandIn.sessionID)
        let capture = try await appium.capture()
        #expect(capture.source == "ios-xcuitest" && capture.app == "Shop")
        #expect(capture.capturedAt != nil)
        #expect(capture.tree.children.first?.children.first?.name == "Pay")
        await appium.close()
    }

    @Test(.enabled(if: Support.fixturesAvailable, Support.fixturesSkipMessage))
    func everySharedPageSourceIsReadAsAFileOfItWouldBe() async throws {
        let sources = Self.androidSources + Self.iosSources
        try #require(!sources.isEmpty)
        let server = try WebDriverStandIn(sources: sources.map(\.path), base: "/wd/hub")
        defer { server.stop() }
        let appium = try await AppiumSource.open(server.url, session: WebDriverStandIn.sessionID)
        for file in sources {
            let bytes = Array(try Data(contentsOf: file))
            let captured: Result<Capture, CaptureError>
            do throws(CaptureError) {
                captured = .success(try await appium.capture())
            } catch {
                captured = .failure(error)
            }
            switch captured {
            case .success(var capture):
                capture.capturedAt = nil
                #expect(capture == (try CaptureImporter().importCapture(bytes)), "\(file.lastPathComponent)")
            case .failure(.invalidCapture(let error)):
                // The two files that are not one document are refused as the file is.
                #expect(throws: error) { try CaptureImporter().importCapture(bytes) }
                #expect(error.description.contains("but more follows"), "\(error)")
            case .failure(let error):
                Issue.record("\(file.lastPathComponent): \(error)")
            }
        }
    }

    @Test func noSessionOrSeveralIsAPlainError() async throws {
        for (listing, message) in [
            (WebDriverStandIn.Listing.none, "has no session open: start one"),
            (.two, "has 2 sessions open (\(WebDriverStandIn.sessionID), "),
        ] {
            let server = try WebDriverStandIn(sources: [], listing: listing)
            defer { server.stop() }
            let error = try await #require(throws: CaptureError.self) { _ = try await AppiumSource.open(server.url) }
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.contains("--appium-session"), "\(error)")
        }
    }

    @Test func webDriverErrorsAreShownAsTheServerGaveThem() async throws {
        let server = try WebDriverStandIn(sources: [])
        defer { server.stop() }
        let stale = try await AppiumSource.open(server.url, session: "0000-gone")
        let refused = try await #require(throws: CaptureError.self) { _ = try await stale.capture() }
        #expect(
            refused
                == .webDriverRefused(
                    request: "GET /session/0000-gone/source", error: "invalid session id",
                    message: "A session is either terminated or not started (no session 0000-gone)"))
        #expect(
            refused.description
                == "the Appium or WebDriverAgent server refused GET /session/0000-gone/source: invalid session id: "
                + "A session is either terminated or not started (no session 0000-gone)")
        let failing = try await AppiumSource.open(server.url, session: WebDriverStandIn.sessionID)
        let unknown = try await #require(throws: CaptureError.self) { _ = try await failing.capture() }
        #expect(unknown.description.hasSuffix("unknown error: An unknown server-side error occurred"), "\(unknown)")
        let injected = try await #require(throws: CaptureError.self) { _ = try await AppiumSource.open(server.url, session: "../status") }
        #expect(injected.description.contains("is not one (letters, digits, -, _ and . only)"))
    }

    @Test func aServerThatIsNotThereOrSpeaksSomethingElseIsAPlainError() async throws {
        let gone = try await #require(throws: CaptureError.self) {
            _ = try await AppiumSource.open(URL(string: "http://127.0.0.1:1")!, timeout: .seconds(5))
        }
        #expect(gone.description.hasPrefix("the Appium or WebDriverAgent server is not usable: GET http://127.0.0.1:1/status: "), "\(gone)")
        let folder = try Support.temporaryFolder("appium-raw")
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = try Self.write("page.html", "<html><body>502 Bad Gateway</body></html>", in: folder)
        let proxy = try WebDriverStandIn(sources: [], raw: html)
        defer { proxy.stop() }
        let appium = try await AppiumSource.open(proxy.url, session: WebDriverStandIn.sessionID)
        let error = try await #require(throws: CaptureError.self) { _ = try await appium.capture() }
        #expect(error.description.contains("answered 200 with something that is not WebDriver JSON: <html><body>502"), "\(error)")
    }

    @Test func appium1RefusalsAndAnswersWithoutASourceArePlainErrors() async throws {
        let folder = try Support.temporaryFolder("appium-jsonwp")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(String, String)] = [
            (
                #"{"status": 13, "value": {"message": "An unknown server-side error occurred"}}"#,
                "refused GET /session/\(WebDriverStandIn.sessionID)/source: status 13: An unknown server-side error occurred"
            ),
            (#"{"status": 9, "value": {"message": "no such command"}}"#, "unknown command: the server has no such route"),
            (#"{"value": null}"#, "the page source of session \(WebDriverStandIn.sessionID) is null, not a string"),
            ("[1, 2]", "answered 200 with something that is not WebDriver JSON: [1, 2]"),
        ]
        for (body, message) in cases {
            let raw = try Self.write("answer.json", body, in: folder)
            let server = try WebDriverStandIn(sources: [], raw: raw)
            defer { server.stop() }
            let appium = try await AppiumSource.open(server.url, session: WebDriverStandIn.sessionID)
            let error = try await #require(throws: CaptureError.self) { _ = try await appium.capture() }
            #expect(error.description.contains(message), "\(error)")
        }
        let nowhere = try WebDriverStandIn(sources: [], base: "/wd/hub")
        defer { nowhere.stop() }
        let missing = try await #require(throws: CaptureError.self) {
            _ = try await AppiumSource.open(URL(string: nowhere.url.absoluteString.replacingOccurrences(of: "/wd/hub", with: ""))!)
        }
        #expect(missing.description.contains("/status is not there: is this an Appium or WebDriverAgent server"), "\(missing)")
    }

    @Test func whatIsNotAPageSourceIsAnInvalidCapture() async throws {
        let folder = try Support.temporaryFolder("appium-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let web = try Self.write("web.xml", "<html><body><p>web view context</p></body></html>", in: folder)
        let text = try Self.write("text.xml", "no page source here", in: folder)
        let server = try WebDriverStandIn(sources: [web, text])
        defer { server.stop() }
        let appium = try await AppiumSource.open(server.url)
        for expected in ["unexpected element <html> in uiautomator XML", "the page source is not XML"] {
            let error = try await #require(throws: CaptureError.self) { _ = try await appium.capture() }
            guard case .invalidCapture(let importError) = error else {
                Issue.record("expected an invalid capture, got \(error)")
                continue
            }
            #expect(importError.description.contains(expected), "\(importError)")
        }
    }

    @Test func anAnswerOverTheLimitIsRefusedWhileItIsRead() async throws {
        let folder = try Support.temporaryFolder("appium-big")
        defer { try? FileManager.default.removeItem(at: folder) }
        let screen = Self.iosScreen.replacingOccurrences(of: "label=\"Pay\"", with: "label=\"\(String(repeating: "Pay ", count: 40_000))\"")
        let big = try Self.write("big.xml", screen, in: folder)
        let server = try WebDriverStandIn(sources: [big])
        defer { server.stop() }
        let appium = try await AppiumSource.open(server.url, limits: ImportLimits(maxBytes: 16_384))
        let error = try await #require(throws: CaptureError.self) { _ = try await appium.capture() }
        #expect(error.description.contains("is larger than the limit of \(16_384 * 2 + 65_536) bytes"), "\(error)")
    }

    @Test func aWatchedPhoneGivesEachChangedScreenOnce() async throws {
        let folder = try Support.temporaryFolder("appium-watch")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Self.write("1.xml", Self.iosScreen, in: folder)
        let second = try Self.write("2.xml", Self.iosScreen.replacingOccurrences(of: "Pay", with: "Pay now"), in: folder)
        let server = try WebDriverStandIn(sources: [first, first, second, second])
        defer { server.stop() }
        let appium = try await AppiumSource.open(server.url)
        var names: [String?] = []
        let seen = try await ScreenWatcher(source: appium, interval: .milliseconds(10), limit: 4).run { capture, _ in
            names.append(capture.tree.children.first?.children.first?.name)
        }
        #expect(seen == 2 && names == ["Pay", "Pay now"])
    }

    // MARK: - Helpers

    /// A small XCUITest page source of our own.
    static let iosScreen = """
        <?xml version="1.0" encoding="UTF-8"?>
        <AppiumAUT>
          <XCUIElementTypeApplication type="XCUIElementTypeApplication" name="Shop" label="Shop" enabled="true" visible="true" x="0" y="0" width="390" height="844">
            <XCUIElementTypeWindow type="XCUIElementTypeWindow" enabled="true" visible="true" x="0" y="0" width="390" height="844">
              <XCUIElementTypeButton type="XCUIElementTypeButton" name="pay" label="Pay" enabled="true" visible="true" x="16" y="740" width="358" height="50"/>
            </XCUIElementTypeWindow>
          </XCUIElementTypeApplication>
        </AppiumAUT>
        """

    static func write(_ name: String, _ text: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func files(_ folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".xml") }.map { folder.appendingPathComponent($0) }
    }
}

/// The stand-in Appium / WebDriverAgent server (`Tests/Support/webdriver_standin.py`), started on a free port and
/// stopped with SIGTERM (its standard input may be held open by processes other tests start meanwhile).
final class WebDriverStandIn: @unchecked Sendable {
    /// How the server lists its sessions.
    enum Listing: String, CaseIterable, Sendable {
        case appium, legacy, wda, none, two
    }

    static let script = Support.packageRoot.appendingPathComponent("Tests/Support/webdriver_standin.py").path
    static let sessionID = "5f0c2a9e-3b71-4f6e-9d1a-7c2e8b4a6d10"
    static let pythonAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    let process = Process()
    private let input = Pipe()
    let url: URL

    init(sources: [String], listing: Listing = .appium, base: String = "", raw: String? = nil) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.script, "--sessions", listing.rawValue, "--base", base] + (raw.map { ["--raw", $0] } ?? []) + sources
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let url = URL(string: text), text.hasPrefix("http://127.0.0.1:") else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the stand-in server did not start: \(text)"])
        }
        self.url = url
    }

    /// Ends the server and waits for it.
    func stop() {
        process.terminate()
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
