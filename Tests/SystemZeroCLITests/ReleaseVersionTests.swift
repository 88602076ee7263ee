import Foundation
import Testing

/// One version everywhere a user reads it: `systemzero --version`, the newest release in CHANGELOG.md, the release
/// notes and the server's `/status` and build-info metric (those two read the same constant as `--version`; the
/// server tests check them against it).
@Suite struct ReleaseVersionTests {
    func read(_ path: String) throws -> String {
        try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func versionMatchesTheChangelogAndTheReleaseNotes() throws {
        let result = try CLIRunner.run(["--version"])
        #expect(result.status == 0)
        let version = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.wholeMatch(of: /\d+\.\d+\.\d+/) != nil, "not a semantic version: \(version)")
        // Keep a Changelog: the first released section (after Unreleased) is the version being shipped, with a date.
        let changelog = try read("CHANGELOG.md")
        let released = changelog.matches(of: /^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$/.anchorsMatchLineEndings())
        #expect(released.first.map { String($0.1) } == version, "CHANGELOG.md's newest release is not \(version)")
        let notes = try read("docs/RELEASE_NOTES.md")
        #expect(notes.hasPrefix("# System//Zero \(version)"), "docs/RELEASE_NOTES.md is not about \(version)")
        #expect(!notes.contains("(draft)"))
    }
}
