import Foundation
import HTTPTypes
import SystemZeroCapture
import SystemZeroCore
import Testing

@testable import SystemZeroServer

/// The dashboard page in a real headless Chromium: it renders, and its figures are `/dashboard`'s JSON.
@Suite struct DashboardPageTests {
    static let chromium = ProcessInfo.processInfo.environment["SYSTEMZERO_CHROMIUM_PATH"] ?? "/usr/bin/chromium"
    static let available = FileManager.default.isExecutableFile(atPath: chromium)

    /// Runs headless Chromium with `arguments`; returns standard output. It waits without blocking a thread: the
    /// server under test runs in this process, on the same two-thread cooperative pool.
    static func runChromium(_ arguments: [String], profile: String) async throws -> String {
        let options = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)", "--hide-scrollbars"]
        let output = try await CommandRunner(timeout: .seconds(120), maxOutputBytes: 16 << 20).run(chromium, options + arguments)
        return String(decoding: output.stdout, as: UTF8.self)
    }

    @Test(.enabled(if: available, "Chromium is not installed (apt-get install chromium): dashboard page test skipped"))
    func renderedPageShowsTheSameFiguresAsTheJSON() async throws {
        try await LiveServer.with { server in
            for sample in [
                "doordash_offer_card/drift/demoted_alternative.json", "doordash_offer_card/drift/false_urgency.json",
                "login_form/drift/preselection.json", "checkout/clean.json",
            ] where FileManager.default.fileExists(atPath: LiveServer.packageRoot + "/samples/" + sample) {
                #expect(try await server.postSample(sample, query: "?session=dash").status == .created)
            }
            let json = try await server.request(.get, "/dashboard", key: server.readonly).json
            let page = try await server.request(.get, "/dashboard", key: server.readonly, headers: [.accept: "text/html"])
            let file = server.directory + "/dashboard.html"
            try page.text.write(toFile: file, atomically: true, encoding: .utf8)

            let screenshot = server.directory + "/dashboard.png"
            _ = try await Self.runChromium(
                ["--screenshot=\(screenshot)", "--window-size=1280,1100", "file://\(file)"], profile: server.directory + "/chromium-1")
            let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(png.count > 20_000)
            if let keep = ProcessInfo.processInfo.environment["SYSTEMZERO_SCREENSHOT_DIR"] {
                try png.write(to: URL(fileURLWithPath: keep).appendingPathComponent("dashboard.png"))
            }

            // The DOM as Chromium rendered it: every figure it shows agrees with the JSON.
            let dom = try await Self.runChromium(["--dump-dom", "file://\(file)"], profile: server.directory + "/chromium-2")
            let regex = try NSRegularExpression(pattern: #"data-figure="([\w.]+)">([^<]*)<"#)
            var shown: [String: String] = [:]
            for match in regex.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)) {
                shown[String(dom[Range(match.range(at: 1), in: dom)!])] = String(dom[Range(match.range(at: 2), in: dom)!])
            }
            for key in ["captures_today", "templates_created", "templates_loaded", "ledger_size", "version"] {
                let expected = json[key].map(DashboardPage.text)
                #expect(shown[key] == expected, "\(key): page \(shown[key] ?? "none"), JSON \(expected ?? "none")")
            }
            for severity in DriftEvent.Severity.allCases.map(\.rawValue) {
                let expected = json["drift_by_severity"]?[severity].map(DashboardPage.text)
                #expect(shown["drift_by_severity.\(severity)"] == expected)
            }
            // Traffic figures move with each request; they are shown, as numbers.
            for key in ["requests_per_second", "error_rate", "latency_mean_ms", "latency_p95_ms"] {
                #expect(shown[key].flatMap(Double.init) != nil, "\(key) shown as a number")
            }
            #expect(dom.contains("<circle"))
        }
    }
}
