import Foundation
import SystemZeroCapture
import SystemZeroCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Chromium that never starts, crashes, or a page that never settles: a clear error within a timeout, and no
/// process left behind.
@Suite(.serialized)
struct RobustnessTests {
    @Test func aMissingExecutableIsALaunchError() async throws {
        let options = ChromiumOptions(executable: "/nonexistent/chromium")
        await #expect(throws: CaptureError.launchFailed("/nonexistent/chromium is not an executable file")) {
            try await ChromiumBrowser.launch(options)
        }
    }

    @Test func aBrowserThatExitsAtOnceSaysSoWithItsOutput() async throws {
        let folder = try Support.temporaryFolder("exits")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = try Support.script("chromium", in: folder, "echo 'cannot open display' >&2\nexit 3")
        do {
            _ = try await ChromiumBrowser.launch(ChromiumOptions(executable: fake, launchTimeout: .seconds(10)))
            Issue.record("the launch succeeded")
        } catch {
            #expect(error == .browserExited(status: 3 << 8, log: "cannot open display"))
            #expect(error.description.contains("cannot open display"))
        }
    }

    @Test func aBrowserThatNeverOpensItsPortTimesOutAndIsKilled() async throws {
        let folder = try Support.temporaryFolder("silent")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sleep = "sleep \(Int.random(in: 100_000...999_999))"
        let fake = try Support.script("chromium", in: folder, "\(sleep) & exec \(sleep)")
        let started = ContinuousClock.now
        do {
            _ = try await ChromiumBrowser.launch(ChromiumOptions(executable: fake, launchTimeout: .seconds(1)))
            Issue.record("the launch succeeded")
        } catch {
            guard case .browserDidNotStart(let seconds, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(seconds == 1)
        }
        #expect(ContinuousClock.now - started < .seconds(15))
        // The script and the sleep it left in the background were in Chromium's process group: both are gone.
        try await Task.sleep(for: .milliseconds(100))
        #expect(ProcessTable.processes(commandLineContaining: sleep).isEmpty)
    }

    @Test(.enabled(if: Support.chromiumAvailable, Support.chromiumSkipMessage))
    func aPageThatNeverSettlesTimesOut() async throws {
        let server = try HangingServer()
        defer { server.close() }
        let url = "http://127.0.0.1:\(server.port)/never"
        let browser = try await ChromiumBrowser.launch(Support.options(settle: .seconds(2)))
        // The bound is generous: it proves the wait ends, not how fast a loaded machine is.
        let started = ContinuousClock.now
        do {
            let page = try await ChromePage.open(in: browser)
            try await page.navigate(to: url)
            Issue.record("the page settled")
        } catch {
            #expect(error == .pageDidNotSettle(url: url, seconds: 2))
            #expect(error.description.contains("did not finish loading"))
        }
        await browser.close()
        #expect(ContinuousClock.now - started < .seconds(30))
        Support.expectNoProcesses(of: browser)
    }

    @Test(.enabled(if: Support.chromiumAvailable, Support.chromiumSkipMessage))
    func aBrowserThatCrashesMidSessionIsReported() async throws {
        let source = try await ChromeSource.open(Support.page("offer_card/clean.html"), options: Support.options())
        let process = try #require(source.browser.process)
        _ = try await source.capture()
        kill(-process.pid, SIGKILL)
        let started = ContinuousClock.now
        do {
            _ = try await source.capture()
            Issue.record("a capture after the crash succeeded")
        } catch {
            guard case .browserExited(let status, _) = error else {
                Issue.record("unexpected error \(error)")
                await source.close()
                return
            }
            #expect(status == SIGKILL)
            #expect(error.description.hasPrefix("Chromium exited"))
        }
        #expect(ContinuousClock.now - started < .seconds(40))
        await source.close()
        Support.expectNoProcesses(of: source.browser)
    }

    @Test(.enabled(if: Support.chromiumAvailable, Support.chromiumSkipMessage))
    func aMessageOverTheLimitIsRefused() async throws {
        let browser = try await ChromiumBrowser.launch(Support.options(maxMessageBytes: 4096))
        do {
            let page = try await ChromePage.open(in: browser)
            try await page.navigate(to: Support.page("checkout/clean.html"))
            _ = try await page.capture()
            Issue.record("a capture larger than 4096 bytes went through")
        } catch {
            #expect(error == .messageTooLarge(limit: 4096) || error.description.contains("closed"), "\(error)")
        }
        await browser.close()
        Support.expectNoProcesses(of: browser)
    }

    @Test(.enabled(if: Support.chromiumAvailable, Support.chromiumSkipMessage))
    func aRunningBrowserCanBeAttachedOverHTTP() async throws {
        let owner = try await ChromiumBrowser.launch(Support.options())
        defer { Support.expectNoProcesses(of: owner) }
        let port = try Self.devToolsPort(of: owner)
        do {
            let source = try await ChromeSource.open(
                Support.page("consent_dialog/clean.html"), options: Support.options(), endpoint: "http://127.0.0.1:\(port)")
            let capture = try await source.capture()
            await source.close()
            #expect(source.browser.process == nil)
            #expect(capture.tree.subtreeCount > 5)
            #expect(owner.process?.isRunning == true, "closing an attached browser leaves it running")
        } catch {
            await owner.close()
            throw error
        }
        await owner.close()
    }

    static func devToolsPort(of browser: ChromiumBrowser) throws -> Int {
        let profile = try #require(browser.profileDirectory)
        let text = try String(contentsOfFile: profile + "/DevToolsActivePort", encoding: .utf8)
        return try #require(text.split(separator: "\n").first.flatMap { Int($0) })
    }
}

/// A TCP port that accepts connections and never answers: a page loading from it never settles.
final class HangingServer: Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socketDescriptor, 16) == 0 else { throw CaptureError.launchFailed("cannot listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        descriptor = socketDescriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
