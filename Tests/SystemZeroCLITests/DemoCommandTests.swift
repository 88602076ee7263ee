import Foundation
import Testing

/// The main job and the ledger commands through the real binary, on the project's own samples.
struct DemoCommandTests {
    func temporaryData() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sz-demo-\(UUID().uuidString)").path
    }

    @Test func demoRunsBothSessionsSignsAndVerifies() throws {
        let data = temporaryData()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let result = try CLIRunner.run(["demo", "--data", data])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("== session clean_shift"))
        #expect(result.stdout.contains("== session manipulated_shift"))
        for rule in [
            "preselection", "demoted_alternative", "confirmshaming", "false_urgency", "information_hiding", "nagging", "sneaking",
            "obstruction",
        ] {
            #expect(result.stdout.contains(" \(rule): "), "the manipulated session should raise \(rule)")
        }
        #expect(result.stdout.contains("ledger verified: "))
        #expect(result.stdout.contains("— systemzero.local/ledger "))
        let verify = try CLIRunner.run(["verify", "--data", data])
        #expect(verify.status == 0)
        // Running it again appends; the log stays verifiable.
        #expect(try CLIRunner.run(["demo", "--data", data]).status == 0)
        #expect(try CLIRunner.run(["verify", "--data", data]).status == 0)
    }

    @Test func ledgerCommandsGiveWhatOutsideVerifiersNeed() throws {
        let data = temporaryData()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let check = try CLIRunner.run([
            "check", "--record", "--data", data, "--fail-on", "warning", "samples/doordash_offer_card/clean.json",
            "samples/doordash_offer_card/drift/demoted_alternative.json",
        ])
        #expect(check.status == 1)
        #expect(check.stderr.contains("recorded samples/doordash_offer_card/clean.json as entry 0"))
        let log = try CLIRunner.run(["log", "--data", data, "--kind", "drift", "--json"])
        let entries = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.contains { ($0["event"] as? [String: Any])?["rule"] as? String == "demoted_alternative" } == true)
        #expect(entries?.allSatisfy { $0["capture_seq"] as? Int == 1 } == true)
        let checkpoint = try CLIRunner.run(["ledger", "checkpoint", "--data", data])
        #expect(checkpoint.stdout.hasPrefix("systemzero.local/ledger\n"))
        let pubkey = try CLIRunner.run(["ledger", "pubkey", "--data", data])
        #expect(pubkey.stdout.hasPrefix("systemzero.local/ledger+"))
        let prove = try CLIRunner.run(["ledger", "prove", "--data", data, "--seq", "1", "--json"])
        let proof = try JSONSerialization.jsonObject(with: Data(prove.stdout.utf8)) as? [String: Any]
        #expect(proof?["tree_size"] as? Int == entries.map { $0.count + 2 })
        #expect((proof?["proof"] as? [String])?.isEmpty == false)
        let consistency = try CLIRunner.run(["ledger", "consistency", "--data", data, "--from", "1", "--json"])
        #expect(consistency.status == 0)
        let note = FileManager.default.temporaryDirectory.appendingPathComponent("sz-note-\(UUID())").path
        try checkpoint.stdout.write(toFile: note, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: note) }
        #expect(
            try CLIRunner.run(["verify", "--data", data, "--checkpoint", note, "--key", pubkey.stdout.trimmingCharacters(in: .newlines)])
                .status == 0)
        let missing = try CLIRunner.run(["ledger", "prove", "--data", data, "--seq", "999"])
        #expect(missing.status == 2)
    }

    @Test func checkExitCodes() throws {
        let clean = try CLIRunner.run(["check", "samples/login_form/clean.json"])
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("login_form"))
        let badTemplates = try CLIRunner.run(["check", "--templates", "/nonexistent", "samples/login_form/clean.json"])
        #expect(badTemplates.status == 2)
        #expect(badTemplates.stderr.contains("cannot read the template folder"))
        let warning = try CLIRunner.run(["check", "--fail-on", "critical", "samples/login_form/drift/preselection.json"])
        #expect(warning.status == 0)
        #expect(try CLIRunner.run(["check", "--fail-on", "warning", "samples/login_form/drift/preselection.json"]).status == 1)
    }
}
