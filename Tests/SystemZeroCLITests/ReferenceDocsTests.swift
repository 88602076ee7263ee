import Foundation
import Testing

/// The generated references in docs/ are what the generators print now: regenerate them with
/// `systemzero docs api > docs/API_REFERENCE.md` and `systemzero docs cli > docs/CLI_REFERENCE.md`.
@Suite struct ReferenceDocsTests {
    @Test(arguments: [("api", "API_REFERENCE.md"), ("cli", "CLI_REFERENCE.md")])
    func committedReferenceMatchesTheGenerator(_ kind: String, _ file: String) throws {
        let generated = try CLIRunner.run(["docs", kind])
        #expect(generated.status == 0)
        let committed = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent("docs/\(file)"), encoding: .utf8)
        #expect(committed == generated.stdout, "docs/\(file) is stale: run systemzero docs \(kind) > docs/\(file)")
    }
}
