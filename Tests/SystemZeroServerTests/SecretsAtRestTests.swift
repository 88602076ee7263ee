import Foundation
import HTTPTypes
import Testing

@testable import SystemZeroServer

/// Keys used against a live server appear nowhere on disk: not in any log file, not in the ledger database (nor its
/// write-ahead log), not in the key file; and the files and folders holding secrets are private.
@Suite struct SecretsAtRestTests {
    @Test func keysAreNeverWrittenAnywhere() async throws {
        let bootstrap = "bootstrap-" + UUID().uuidString + UUID().uuidString
        try await LiveServer.with(configure: { $0.bootstrapAPIKey = bootstrap }) { (server: LiveServer) async throws in
            let created = try await server.request(
                .post, "/auth/token", key: bootstrap, headers: [.contentType: "application/json"],
                body: Array(#"{"name": "scan", "role": "operator"}"#.utf8))
            let minted = try #require(created.json["key"]?.stringValue)
            var keys = Array(server.keys.values) + [bootstrap, minted]
            _ = try await server.postSample("login_form/clean.json", key: minted)
            for key in keys {
                _ = try await server.request(.get, "/status", key: key)
                _ = try await server.request(.get, "/status", headers: [.authorization: "Bearer \(key)"])
            }
            // A wrong key is not written either.
            let wrong = APIKeySecret.generate().plaintext
            keys.append(wrong)
            _ = try await server.request(.get, "/status", key: wrong)
            server.state.requestLog.flush()
            _ = try await server.state.ledger.signCheckpoint()

            var scanned = 0
            let root = URL(fileURLWithPath: server.directory)
            for folder in ["logs", "data", "config"] {
                let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
                for name in files {
                    let data = try Data(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(name))
                    scanned += 1
                    for key in keys {
                        let secret = APIKeySecret(parsing: Substring(key))?.secret ?? key
                        #expect(data.range(of: Data(key.utf8)) == nil, "\(folder)/\(name) holds a key")
                        #expect(data.range(of: Data(secret.utf8)) == nil, "\(folder)/\(name) holds a key's secret")
                    }
                }
            }
            #expect(scanned >= 5)  // api_requests.log, ledger.sqlite (+ -wal), ledger.key, api_keys.yaml

            func mode(_ path: String) throws -> Int {
                try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
            }
            #expect(try mode(server.directory + "/data") == 0o700)
            #expect(try mode(server.directory + "/config") == 0o700)
            #expect(try mode(server.directory + "/logs") == 0o700)
            #expect(try mode(server.directory + "/data/ledger.key") == 0o600)
            #expect(try mode(server.directory + "/config/api_keys.yaml") == 0o600)
        }
    }

    /// Every package is pinned to one version.
    @Test func dependenciesArePinnedExactly() throws {
        let manifest = try String(contentsOfFile: LiveServer.packageRoot + "/Package.swift", encoding: .utf8)
        let lines = manifest.split(separator: "\n").filter { $0.contains(".package(url:") }
        #expect(lines.count >= 10)
        for line in lines { #expect(line.contains("exact: \""), "\(line)") }
    }
}
