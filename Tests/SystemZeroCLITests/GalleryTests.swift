import Foundation
import Testing

/// The sample gallery (`samples/`, `templates/`, written by `scripts/build_gallery.sh`) through the real binary:
/// every clean capture matches its own template and no other and raises nothing; every drifted capture raises exactly
/// the rule it was made for; each session raises what it was designed to; the committed templates are what
/// `baseline build` makes from the clean captures. Only the project's own files are used, so nothing is skipped.
struct GalleryTests {
    @Test(arguments: Gallery.screens)
    func cleanSamplesMatchTheirOwnTemplateAndRaiseNothing(screen: String) throws {
        let files = Gallery.cleanSamples(of: screen)
        #expect(files.count == 2, "clean.json and clean_2.json of \(screen)")
        for file in files {
            let capture = try #require(try Gallery.check([file]).first)
            #expect(capture.screen == screen, "\(file) matched \(capture.screen)")
            #expect(capture.events.isEmpty, "\(file) raised \(capture.events)")
        }
        // No other template claims them: without their own template (and the catch-all, whose launcher shape some
        // simple screens resemble) they are unknown.
        let library = try Gallery.library(without: [screen] + Gallery.catchAlls)
        defer { try? FileManager.default.removeItem(at: library) }
        for capture in try Gallery.check(files, templates: library.path) {
            #expect(capture.screen == "unknown", "\(capture.file) also matches \(capture.screen)")
        }
    }

    @Test(arguments: Gallery.driftSamples)
    func driftedSampleRaisesExactlyItsRule(file: String) throws {
        let rule = try #require(Gallery.rule(of: file), "no rule known for \(file)")
        let screen = Gallery.screen(of: file)
        if rule == "unknown_screen" {
            // The catch-all covers screens shaped like its own reference, not every screen: this one is unknown.
            let capture = try #require(try Gallery.check([file]).first)
            #expect(capture.screen == "unknown", "\(file) matched \(capture.screen)")
            #expect(capture.alerting == ["unknown_screen"], "\(file) raised \(capture.events)")
            return
        }
        let capture = try #require(try Gallery.check([file]).first)
        #expect(capture.screen == screen, "\(file) matched \(capture.screen)")
        if rule == "content_changed" {
            #expect(capture.rules == ["content_changed"], "\(file) raised \(capture.events)")
        } else {
            #expect(capture.alerting == [rule], "\(file) raised \(capture.events)")
        }
    }

    @Test(arguments: Gallery.sessions)
    func sessionRaisesTheEventsItWasMadeFor(session: String) throws {
        let files = Gallery.sessionFiles(session)
        let expected = try #require(Gallery.expectedEvents(session, count: files.count), "no expectation for session \(session)")
        let captures = try Gallery.check(files)
        #expect(captures.count == files.count)
        for (capture, rules) in zip(captures, expected) {
            #expect(capture.screen == Gallery.screen(ofSessionFile: capture.file), "\(capture.file) matched \(capture.screen)")
            #expect(capture.alerting == rules, "\(capture.file) raised \(capture.events)")
            if session == "clean_shift" { #expect(capture.events.isEmpty, "\(capture.file) raised \(capture.events)") }
        }
    }

    @Test func everyRuleHasASample() {
        let covered = Set(Gallery.driftSamples.compactMap(Gallery.rule(of:))).union(Gallery.sessions)
        #expect(Gallery.allRules.subtracting(covered).isEmpty, "rules without a sample: \(Gallery.allRules.subtracting(covered))")
        #expect(Set(Gallery.screens) == Set(Gallery.sampleScreens), "templates and sample folders differ")
    }

    @Test func committedTemplatesValidate() throws {
        let result = try CLIRunner.run(["baseline", "validate", "templates"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == Gallery.screens.count)
    }

    @Test(arguments: Gallery.screens)
    func rebuildingFromTheCleanSamplesReproducesTheTemplate(screen: String) throws {
        let committed = CLIRunner.packageRoot.appendingPathComponent("templates/\(screen).yaml")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sz-gallery-build-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Beside a copy of the committed file, as scripts/build_gallery.sh does: the builder keeps its hand-written policy.
        let output = folder.appendingPathComponent("\(screen).yaml")
        try FileManager.default.copyItem(at: committed, to: output)
        var arguments = ["baseline", "build"] + Gallery.cleanSamples(of: screen) + ["--screen-id", screen, "-o", output.path]
        if Gallery.catchAlls.contains(screen) { arguments.append("--catch-all") }
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let before = try String(contentsOf: committed, encoding: .utf8)
        let after = try String(contentsOf: output, encoding: .utf8)
        #expect(
            Gallery.withoutVersion(after) == Gallery.withoutVersion(before), "templates/\(screen).yaml is stale: rerun build_gallery.sh")
        #expect(Gallery.version(after) == Gallery.version(before).map { $0 + 1 })
    }
}

/// The gallery's files and what the checks expect of them.
enum Gallery {
    static let root = CLIRunner.packageRoot

    /// Every rule the detector and the manipulative-pattern rules raise.
    static let allRules: Set<String> = [
        "unknown_screen", "required_missing", "forbidden_present", "layout_drift", "content_changed", "invalid_transition", "loop",
        "demoted_alternative", "confirmshaming", "preselection", "false_urgency", "information_hiding", "nagging", "obstruction",
        "sneaking",
    ]

    /// Drifted samples outside `drift/`, kept for the README, and the rule each raises.
    static let legacyRules = ["samples/doordash_offer_card/demoted_decline.json": "demoted_alternative"]

    /// What each capture of the two demo shifts raises at warning or critical, in file order.
    static let shifts: [String: [Set<String>]] = [
        "clean_shift": Array(repeating: [], count: 9),
        "manipulated_shift": [
            [],  // 01 home screen
            ["preselection"],  // 02 sign-in with "Send me marketing emails and offers" ticked
            ["demoted_alternative"],  // 03 offer: Decline turned into a small "No thanks" link
            ["confirmshaming"],  // 04 upsell: "No thanks, I prefer paying full price"
            ["false_urgency"],  // 05 offer: "Offer expires in 0:45"
            [],  // 06 Discord
            ["information_hiding"],  // 07 offer: payout blanked until accepted
            ["nagging"],  // 08 the upsell again
            [],  // 09 offer
            [],  // 10 checkout
            ["sneaking"],  // 11 checkout: "Order protection $2.49" added, total up
            ["forbidden_present"],  // 12 Gmail: a sponsored "Ad" above the inbox
            ["obstruction"],  // 13 settings: "Cancel subscription" disabled
            [],  // 14 home screen
        ],
    ]

    /// The screen ids of the committed templates.
    static let screens: [String] = files(in: "templates").filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }

    /// The catch-all templates (no required nodes).
    static let catchAlls: [String] = screens.filter { screen in
        let text = (try? String(contentsOf: root.appendingPathComponent("templates/\(screen).yaml"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").contains("required: []")
    }

    /// The folders of samples/ that hold a screen's captures: all but the sessions and the web pages (samples/web holds
    /// HTML, whose captures are in the web_* folders).
    static let sampleScreens: [String] = files(in: "samples").filter { $0 != "sessions" && $0 != "web" && !$0.hasPrefix(".") }

    /// Every drifted single capture: samples/<screen>/drift/<rule>.json, and the legacy files.
    static let driftSamples: [String] = sampleScreens.flatMap { screen in
        let drift = files(in: "samples/\(screen)/drift").filter { $0.hasSuffix(".json") }.map { "samples/\(screen)/drift/\($0)" }
        let others = files(in: "samples/\(screen)").filter { $0.hasSuffix(".json") && !$0.hasPrefix("clean") }
            .map { "samples/\(screen)/\($0)" }
        return drift + others
    }

    /// The session folders of samples/sessions.
    static let sessions: [String] = files(in: "samples/sessions").filter { !$0.hasPrefix(".") }

    static func cleanSamples(of screen: String) -> [String] {
        files(in: "samples/\(screen)").filter { $0.hasPrefix("clean") && $0.hasSuffix(".json") }.map { "samples/\(screen)/\($0)" }
    }

    static func sessionFiles(_ session: String) -> [String] {
        files(in: "samples/sessions/\(session)").filter { $0.hasSuffix(".json") }.map { "samples/sessions/\(session)/\($0)" }
    }

    /// The demo shifts' table, or for a session named after a rule: nothing until the last capture, which raises it.
    static func expectedEvents(_ session: String, count: Int) -> [Set<String>]? {
        if let shift = shifts[session] { return shift.count == count ? shift : nil }
        guard allRules.contains(session), count > 1 else { return nil }
        return Array(repeating: [], count: count - 1) + [[session]]
    }

    static func rule(of file: String) -> String? {
        if let rule = legacyRules[file] { return rule }
        let url = URL(fileURLWithPath: file)
        guard url.deletingLastPathComponent().lastPathComponent == "drift" else { return nil }
        return url.deletingPathExtension().lastPathComponent
    }

    /// samples/<screen>/….
    static func screen(of file: String) -> String {
        String(file.split(separator: "/")[1])
    }

    /// samples/sessions/<name>/NN_<screen>.json → <screen>.
    static func screen(ofSessionFile file: String) -> String {
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return String(name.drop { $0 != "_" }.dropFirst())
    }

    /// The sorted names in a folder of the package.
    static func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []).sorted()
    }

    /// A temporary copy of templates/ without some screens.
    static func library(without excluded: [String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sz-gallery-library-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for screen in screens where !excluded.contains(screen) {
            try FileManager.default.copyItem(
                at: root.appendingPathComponent("templates/\(screen).yaml"), to: folder.appendingPathComponent("\(screen).yaml"))
        }
        return folder
    }

    static func withoutVersion(_ yaml: String) -> [Substring] {
        yaml.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("version: ") }
    }

    static func version(_ yaml: String) -> Int? {
        yaml.split(separator: "\n").first { $0.hasPrefix("version: ") }.flatMap { Int($0.dropFirst("version: ".count)) }
    }

    /// One checked capture of `check --json`.
    struct Checked: CustomStringConvertible {
        var file: String
        var screen: String
        var events: [(rule: String, severity: String)]

        /// The rules of every event.
        var rules: Set<String> { Set(events.map { $0.rule }) }
        /// The rules of the events at warning or critical.
        var alerting: Set<String> { Set(events.filter { $0.severity != "info" }.map { $0.rule }) }

        var description: String { "\(file): \(screen) \(events.map { "\($0.rule) (\($0.severity))" })" }
    }

    /// Runs `check --json` over the captures, in order, as one session.
    static func check(_ files: [String], templates: String = "templates") throws -> [Checked] {
        let result = try CLIRunner.run(["check"] + files + ["--templates", templates, "--json"])
        guard result.status == 0 || result.status == 1 else {
            Issue.record("check \(files) exited \(result.status): \(result.stderr)")
            return []
        }
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let captures = json?["captures"] as? [[String: Any]] ?? []
        return captures.map { capture in
            let events = (capture["events"] as? [[String: Any]] ?? []).map {
                (rule: $0["rule"] as? String ?? "?", severity: $0["severity"] as? String ?? "?")
            }
            return Checked(file: capture["file"] as? String ?? "?", screen: capture["screen"] as? String ?? "?", events: events)
        }
    }
}
