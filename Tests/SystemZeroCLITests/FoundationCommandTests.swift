import Foundation
import Testing

/// `import`, `normalize` and `diff` through the real binary.
struct FoundationCommandTests {
    var ui: String { CLIRunner.fixtures.appendingPathComponent("ui").path }

    @Test(.enabled(if: CLIRunner.fixturesAvailable, Comment(rawValue: CLIRunner.skipMessage)))
    func diffOfDianaPairs() throws {
        let clean = try CLIRunner.run(["diff", "\(ui)/cdp_axtree/diana__pn00_org.json", "\(ui)/cdp_axtree/diana__pn02_ooo.json"])
        #expect(clean.status == 0)
        #expect(clean.stdout.hasPrefix("no differences"))
        let changed = try CLIRunner.run([
            "diff", "--json", "\(ui)/cdp_axtree/diana__pn00_org.json", "\(ui)/cdp_axtree/diana__pn03_chg.json",
        ])
        #expect(changed.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any]
        let changes = json?["changes"] as? [[String: Any]]
        #expect(changes?.count == 1)
        #expect(changes?.first?["kind"] as? String == "changed")
        #expect(changes?.first?["fields"] as? [String] == ["name"])
        #expect((changes?.first?["before"] as? [String: Any])?["name"] as? String == "GitHub")
        #expect((json?["before"] as? String)?.count == 64)
    }

    @Test(.enabled(if: CLIRunner.fixturesAvailable, Comment(rawValue: CLIRunner.skipMessage)))
    func importPrintsNativeJSONThatImportsAgain() throws {
        let result = try CLIRunner.run(["import", "\(ui)/android_uiautomator/nora__window_dump.xml"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["app"] as? String == "com.example.localagent")
        #expect(json?["source"] as? String == "android-uiautomator")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sz-native-\(UUID()).json")
        try Data(result.stdout.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let again = try CLIRunner.run(["import", file.path])
        #expect(again.stdout == result.stdout)
    }

    @Test(.enabled(if: CLIRunner.fixturesAvailable, Comment(rawValue: CLIRunner.skipMessage)))
    func normalizePrintsSignaturesAndClasses() throws {
        let result = try CLIRunner.run(["normalize", "--json", "\(ui)/playwright_aria/crates.io__acceptance_search__aria.yml"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((json?["structure_signature"] as? String)?.count == 64)
        #expect((json?["tree"] as? [String: Any])?["class"] as? String == "container")
        let outline = try CLIRunner.run(["normalize", "--format", "aria", "\(ui)/playwright_aria/crates.io__acceptance_search__aria.yml"])
        #expect(outline.stdout.contains("(navigation)"))
    }

    @Test func badInputExitsTwoWithTheErrorOnStandardError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sz-bad-\(UUID()).xml")
        try Data("<!DOCTYPE x [<!ENTITY a \"b\">]><hierarchy/>".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CLIRunner.run(["import", file.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(file.path))
        #expect(result.stderr.contains("line 1, column 1"))
        #expect(result.stderr.contains("DTDs"))
        let missing = try CLIRunner.run(["diff", "/nonexistent/a.json", "/nonexistent/b.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot open"))
    }
}
