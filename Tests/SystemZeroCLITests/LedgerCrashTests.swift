import Foundation
import Testing

/// Faults: a writer killed at random moments loses nothing it acknowledged; a full disk is a clear error.
struct LedgerCrashTests {
    func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sz-crash-\(UUID().uuidString)").path
    }

    /// Starts `ledger stress --print-acks`, kills it with SIGKILL after a random delay, and returns the sequence numbers
    /// it had acknowledged (complete lines only).
    func appendThenKill(data: String, after milliseconds: Int) throws -> [UInt64] {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["ledger", "stress", "--data", data, "--writers", "16", "--count", "10000000", "--print-acks"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        // Under `swift test --enable-code-coverage` a child killed mid-write would leave a torn profile where the
        // coverage merge reads it; its profile goes beside the ledger instead, and is removed with it.
        process.environment = ProcessInfo.processInfo.environment.merging(["LLVM_PROFILE_FILE": data + ".profraw"]) {
            $1
        }
        try process.run()
        Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // the part after the last newline may be cut short
        return lines.compactMap { UInt64($0) }
    }

    @Test func sigkillDuringAppendsLosesNothingAcknowledged() throws {
        let data = temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: data)
            try? FileManager.default.removeItem(atPath: data + ".profraw")
        }
        var generator = SystemRandomNumberGenerator()
        var total = 0
        for round in 0..<20 {
            let acknowledged = try appendThenKill(data: data, after: Int.random(in: 150...600, using: &generator))
            total += acknowledged.count
            // A writer killed before it made the ledger file acknowledged nothing, and there is nothing to verify.
            guard FileManager.default.fileExists(atPath: data + "/ledger.sqlite") else {
                #expect(acknowledged.isEmpty, "round \(round): acknowledged entries without a ledger file")
                continue
            }
            let verify = try CLIRunner.run(["verify", "--data", data])
            #expect(verify.status == 0, "round \(round): \(verify.stdout) \(verify.stderr)")
            let entries = verify.stdout.firstMatch(of: /ok: (\d+) entries/).flatMap { UInt64($0.1) } ?? 0
            if let highest = acknowledged.max() {
                #expect(entries > highest, "round \(round): entry \(highest) was acknowledged but the ledger holds \(entries)")
            }
        }
        #expect(total > 0, "the writer never acknowledged anything")
    }

    @Test func aFullDiskIsAClearErrorAndHarmsNothing() throws {
        let data = temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: data)
            try? FileManager.default.removeItem(atPath: data + ".profraw")
        }
        let first = try CLIRunner.run(["ledger", "stress", "--data", data, "--writers", "4", "--count", "400"])
        #expect(first.status == 0)
        // A file-size limit stands in for a full disk: writes past it fail with EFBIG (SIGXFSZ ignored). Under
        // `--enable-code-coverage` the limit would cut the child's profile short too, so it goes beside the ledger.
        let script =
            "trap '' XFSZ; ulimit -f 64; LLVM_PROFILE_FILE=\"\(data).profraw\" exec \"\(CLIRunner.binary.path)\" ledger stress "
            + "--data \"\(data)\" --writers 4 --count 200000"
        let limited = try CLIRunner.runShell(script)
        #expect(limited.status == 2)
        #expect(limited.stderr.contains("the append was not recorded"))
        let verify = try CLIRunner.run(["verify", "--data", data])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        let entries = verify.stdout.firstMatch(of: /ok: (\d+) entries/).flatMap { Int($0.1) } ?? 0
        #expect(entries >= 400)
    }
}
