import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `systemzero serve` and `systemzero keys` as an operator runs them: a real process, real signals.
@Suite(.serialized) struct ServeCommandTests {
    /// A running `systemzero serve` over a temporary folder.
    final class ServerProcess: @unchecked Sendable {
        let process = Process()
        let directory: URL
        let errors = Pipe()
        var port = 0

        init(directory: URL, environment: [String: String] = [:], arguments: [String] = []) throws {
            self.directory = directory
            process.executableURL = CLIRunner.binary
            process.arguments =
                ["serve", "--port", "0", "--templates", CLIRunner.packageRoot.appendingPathComponent("templates").path] + arguments
            process.currentDirectoryURL = directory
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // The first line on standard error names the port.
            var text = ""
            while !text.contains("\n") {
                let data = errors.fileHandleForReading.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
            guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                let port = Int(text[range].split(separator: ":").last ?? "")
            else { throw CLIError(message: "no port in: \(text)") }
            self.port = port
        }

        func stop(_ signal: Int32 = SIGTERM) -> Int32 {
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    struct CLIError: Error {
        var message: String
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("systemzero-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func request(
        port: Int, _ method: HTTPRequest.Method, _ path: String, key: String? = nil, body: [UInt8]? = nil
    ) async throws -> TestClient.Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let key { headers[HTTPField.Name("X-API-Key")!] = key }
        let request = TestClient.Request(path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        return try await TestClient.withClient(host: "127.0.0.1", port: port) { try await $0.execute(request) }
    }

    @Test func badSettingStopsStartUpNamingTheVariable() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIRunner.run(["serve"], in: directory, environment: ["SYSTEMZERO_RATE_LIMIT": "lots"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(#"SYSTEMZERO_RATE_LIMIT: "lots" from the environment is not valid: expected a whole number"#))
        let check = try CLIRunner.run(["config", "validate"], in: directory, environment: ["PORT": "99999"])
        #expect(check.status == 2)
        #expect(check.stderr.contains("SYSTEMZERO_PORT"))
    }

    @Test func readmeFlowCreateKeyServePostAndProve() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let created = try CLIRunner.run(["keys", "create", "--role", "admin", "--name", "me"], in: directory)
        #expect(created.status == 0)
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("sz_"))
        let server = try ServerProcess(directory: directory)
        let sample = Array(try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent("samples/doordash_offer_card/clean.json")))
        let posted = try await Self.request(port: server.port, .post, "/captures", key: key, body: sample)
        #expect(posted.status == .created)
        let proof = try await Self.request(port: server.port, .get, "/ledger/proof/inclusion?seq=1", key: key)
        #expect(proof.status == .ok)
        // While the server runs, the CLI cannot write to its ledger (one writer), and says why.
        let second = try CLIRunner.run(["keys", "create", "--role", "readonly", "--name", "x"], in: directory)
        #expect(second.status == 2)
        #expect(second.stderr.contains("another process"))
        // … and leaves no key behind in the key file.
        let keyFile = try String(contentsOf: directory.appendingPathComponent("config/api_keys.yaml"), encoding: .utf8)
        #expect(!keyFile.contains("name: \"x\""))
        #expect(server.stop() == 0)
        let verify = try CLIRunner.run(["verify", "--data", "data"], in: directory)
        #expect(verify.status == 0)
    }

    @Test func sighupReloadsTheDotEnvFile() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try CLIRunner.run(["keys", "create", "--role", "readonly", "--name", "r"], in: directory).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try "SYSTEMZERO_RATE_LIMIT=600\nSYSTEMZERO_RATE_BURST=3\n".write(
            to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let server = try ServerProcess(directory: directory)
        #expect(try await Self.request(port: server.port, .get, "/templates", key: key).headers[HTTPField.Name("RateLimit-Limit")!] == "3")
        try "SYSTEMZERO_RATE_LIMIT=600\nSYSTEMZERO_RATE_BURST=50\n".write(
            to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        var limit: String?
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(100))
            limit = try await Self.request(port: server.port, .get, "/templates", key: key).headers[HTTPField.Name("RateLimit-Limit")!]
            if limit == "50" { break }
        }
        #expect(limit == "50")
        #expect(server.stop() == 0)
        let log = try String(contentsOf: directory.appendingPathComponent("logs/systemzero.log"), encoding: .utf8)
        #expect(log.contains("reloaded on SIGHUP"))
    }

    @Test func sigtermUnderLoadFinishesInFlightRequestsAndLosesNothing() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try CLIRunner.run(["keys", "create", "--role", "operator", "--name", "load"], in: directory).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcess(
            directory: directory,
            environment: ["SYSTEMZERO_DRAIN_SECONDS": "20", "SYSTEMZERO_RATE_LIMIT": "10000000", "SYSTEMZERO_RATE_BURST": "10000000"],
            arguments: ["--drain-notice", "5"])
        let port = server.port
        let sample = Array(try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent("samples/login_form/clean.json")))
        let deadline = ContinuousClock.now + .seconds(9)
        async let load = withTaskGroup(of: ([Int], Int).self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var acknowledged: [Int] = []
                    var failures = 0
                    while ContinuousClock.now < deadline {
                        do {
                            let response = try await Self.request(port: port, .post, "/captures", key: key, body: sample)
                            if response.status == .created, let seq = response.json["seq"] {
                                acknowledged.append(seq)
                            } else {
                                failures += 1
                            }
                        } catch {
                            // After the listener closes, new connections are refused: that is not a lost capture.
                            try? await Task.sleep(for: .milliseconds(50))
                        }
                    }
                    return (acknowledged, failures)
                }
            }
            var all: [Int] = []
            var failures = 0
            for await (seqs, failed) in group {
                all += seqs
                failures += failed
            }
            return (all, failures)
        }
        try await Task.sleep(for: .seconds(1.5))
        kill(server.process.processIdentifier, SIGTERM)
        // The notice period is long, so that even a loaded machine sees it.
        try await Task.sleep(for: .milliseconds(200))
        // During the notice period the server still answers, and /ready says it is draining.
        let ready = try await Self.request(port: port, .get, "/ready")
        #expect(ready.status == .serviceUnavailable)
        #expect(ready.text.contains("draining"))
        let (acknowledged, failures) = await load
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        #expect(failures == 0)
        #expect(acknowledged.count > 10)
        // After the restart every acknowledged capture is there, and the ledger verifies.
        let export = try CLIRunner.run(["export", "--data", "data", "--format", "ndjson", "--kind", "capture"], in: directory)
        let seqs = export.stdout.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: #""seq":(\d+)"#, options: .regularExpression) else { return nil }
            return Int(line[range].dropFirst(6))
        }
        #expect(Set(seqs) == Set(acknowledged))
        #expect(try CLIRunner.run(["verify", "--data", "data"], in: directory).status == 0)
    }
}

extension TestClient.Response {
    var text: String { body.map { String(buffer: $0) } ?? "" }

    /// A top-level number field of a JSON body, found by text (the CLI tests do not link the JSON parser).
    var json: [String: Int] {
        var fields: [String: Int] = [:]
        let regex = try? NSRegularExpression(pattern: #""(\w+)":(\d+)"#)
        let text = self.text
        for match in regex?.matches(in: text, range: NSRange(text.startIndex..., in: text)) ?? [] {
            if let name = Range(match.range(at: 1), in: text), let value = Range(match.range(at: 2), in: text),
                fields[String(text[name])] == nil
            {
                fields[String(text[name])] = Int(text[value])
            }
        }
        return fields
    }
}
