import Foundation
import SystemZeroCapture
import SystemZeroCore
import Testing

/// Each demo page of `samples/web`, captured with the real headless Chromium, matches its template and raises the
/// manipulative pattern it was made for, and nothing else at warning or critical.
@Suite(.serialized, .enabled(if: Support.chromiumAvailable, Support.chromiumSkipMessage))
struct DemoPageTests {
    struct Page: CustomTestStringConvertible, Sendable {
        var path: String
        var screen: String
        var rules: Set<String>
        var testDescription: String { path }
    }

    static let pages: [Page] = [
        Page(path: "offer_card/clean.html", screen: "web_offer_card", rules: []),
        Page(path: "offer_card/clean_2.html", screen: "web_offer_card", rules: []),
        Page(path: "offer_card/demoted_decline.html", screen: "web_offer_card", rules: ["demoted_alternative"]),
        Page(path: "offer_card/countdown.html", screen: "web_offer_card", rules: ["false_urgency"]),
        Page(path: "consent_dialog/clean.html", screen: "web_consent_dialog", rules: []),
        Page(path: "consent_dialog/clean_2.html", screen: "web_consent_dialog", rules: []),
        Page(path: "consent_dialog/preticked_box.html", screen: "web_consent_dialog", rules: ["preselection"]),
        Page(path: "checkout/clean.html", screen: "web_checkout", rules: []),
        Page(path: "checkout/clean_2.html", screen: "web_checkout", rules: []),
        Page(path: "checkout/hidden_fee.html", screen: "web_checkout", rules: ["information_hiding"]),
    ]

    @Test(arguments: pages)
    func capturedPageMatchesItsTemplateAndRaisesItsRule(page: Page) async throws {
        let started = ContinuousClock.now
        let source = try await ChromeSource.open(Support.page(page.path), options: Support.options())
        let capture: Capture
        do {
            capture = try await source.capture()
            await source.close()
        } catch {
            await source.close()
            throw error
        }
        Support.expectNoProcesses(of: source.browser)
        let elapsed = ContinuousClock.now - started
        print("capture of \(page.path): \(elapsed)")

        #expect(capture.source == "chrome-cdp")
        #expect(capture.viewport == Viewport(width: 1280, height: 800))
        #expect(capture.tree.bounds != nil, "the root has a box")
        var state = SessionState(id: "demo")
        let result = try Support.pipeline().process(capture, session: &state)
        #expect(result.match.screen == page.screen, "\(page.path) matched \(result.match.screen)")
        #expect(Support.alerting(result) == page.rules, "\(page.path) raised \(result.events.map { "\($0.rule) (\($0.severity))" })")
    }

    @Test func nodesCarryTheirDOMIDsAndBoxes() async throws {
        let capture = try await Self.capture("offer_card/clean.html")
        let tree = Normalizer().normalize(capture)
        let accept = try #require(tree.nodes.first { $0.id == "accept-offer" })
        let decline = try #require(tree.nodes.first { $0.id == "decline-offer" })
        #expect(accept.role == .button && accept.name == "Accept")
        #expect(decline.role == .button && decline.name == "Decline")
        let acceptBox = try #require(accept.bounds)
        let declineBox = try #require(decline.bounds)
        #expect(acceptBox.height == 48 && declineBox.height == 48)
        #expect(declineBox.x < acceptBox.x, "Decline is left of Accept")
        let payout = try #require(tree.nodes.first { $0.id == "offer-pay" })
        #expect(payout.name == "$12.50")
        #expect(!tree.nodes.contains { $0.attributes["backend_dom_node_id"] != nil })
    }

    @Test func aWatchedPageIsReadAgainWithoutReloading() async throws {
        let source = try await ChromeSource.open(Support.page("offer_card/countdown.html"), options: Support.options())
        var timers: [String] = []
        do {
            let watcher = ScreenWatcher(source: source, interval: .milliseconds(1100), limit: 3)
            let changed = try await watcher.run { _, tree in
                timers.append(tree.nodes.first { $0.id == "countdown" }?.name ?? "?")
            }
            await source.close()
            #expect(changed == 3, "the countdown ticks between readings: \(timers)")
        } catch {
            await source.close()
            throw error
        }
        Support.expectNoProcesses(of: source.browser)
        #expect(Set(timers).count == timers.count, "every reading shows another time: \(timers)")
    }

    static func capture(_ path: String) async throws -> Capture {
        let source = try await ChromeSource.open(Support.page(path), options: Support.options())
        defer { Support.expectNoProcesses(of: source.browser) }
        do {
            let capture = try await source.capture()
            await source.close()
            return capture
        } catch {
            await source.close()
            throw error
        }
    }
}
