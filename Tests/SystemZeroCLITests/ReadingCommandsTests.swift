import Foundation
import Testing

/// Commands that read a ledger refuse a folder that holds none, instead of starting an empty one there.
@Suite struct ReadingCommandsTests {
    @Test(arguments: [["log"], ["export", "--format", "ndjson"], ["ledger", "prove", "--seq", "0"], ["ledger", "pubkey"], ["verify"]])
    func aFolderWithoutALedgerIsAnError(_ command: [String]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("systemzero-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIRunner.run(command + ["--data", "typo"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("there is no ledger in typo"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("typo").path))
    }
}
