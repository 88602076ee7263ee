import Foundation
import HTTPTypes
import HummingbirdTesting
import SystemZeroCore
import SystemZeroLedger
import Testing

@testable import SystemZeroServer

@Suite struct TemplateAndLogAPITests {
    @Test func templatesAreListedUploadedVersionedAndLedgered() async throws {
        try await LiveServer.with { server in
            let list = try await server.request(.get, "/templates", key: server.readonly)
            let names = list.json["templates"]?.arrayValue?.compactMap { $0["screen_id"]?.stringValue } ?? []
            #expect(names.contains("login_form"))
            let current = try await server.request(.get, "/templates/login_form", key: server.readonly)
            let yaml = try #require(current.json["yaml"]?.stringValue)
            let version = Int(current.json["version"]?.numberValue ?? 0)

            // Same version again: a conflict. A higher version replaces it and archives the old one.
            let same = try await server.request(
                .post, "/templates", key: server.operatorKey, headers: [.contentType: "application/yaml"], body: Array(yaml.utf8))
            #expect(same.status == .conflict)
            let bumped = yaml.replacingOccurrences(of: "version: \(version)\n", with: "version: \(version + 1)\n")
            let stored = try await server.request(
                .post, "/templates", key: server.operatorKey, headers: [.contentType: "application/yaml"], body: Array(bumped.utf8))
            #expect(stored.status == .created)
            #expect(stored.json["version"]?.numberValue == Double(version + 1))
            let after = try await server.request(.get, "/templates/login_form", key: server.readonly)
            #expect(after.json["history"]?.arrayValue?.first?["version"]?.numberValue == Double(version))
            let entries = try await server.state.ledger.store.query(.init(kind: "template", limit: 10))
            #expect(entries.count == 1)
            #expect(entries.first?.json["screen_id"]?.stringValue == "login_form")

            // Bad uploads.
            let invalid = try await server.request(
                .post, "/templates", key: server.operatorKey, headers: [.contentType: "application/yaml"],
                body: Array("screen_id: x\nrequired: [\"button[name~='(']\"]\n".utf8))
            #expect(invalid.status == .unprocessableContent)
            let traversal = try await server.request(
                .post, "/templates", key: server.operatorKey, headers: [.contentType: "application/yaml"],
                body: Array("screen_id: ../../etc/evil\nversion: 1\n".utf8))
            #expect(traversal.status == .badRequest || traversal.status == .unprocessableContent)
            #expect(!FileManager.default.fileExists(atPath: server.directory + "/etc/evil.yaml"))
            #expect(try await server.request(.get, "/templates/nothing_here", key: server.readonly).status == .notFound)
        }
    }

    @Test func templateBuiltFromRecordedCapturesMatchesThem() async throws {
        try await LiveServer.with { server in
            var ids: [Int] = []
            for sample in ["settings_panel/clean.json", "settings_panel/clean_2.json"] {
                let response = try await server.postSample(sample)
                ids.append(Int(response.json["seq"]?.numberValue ?? -1))
            }
            let request = JSONWriter(style: .compact).string([
                "screen_id": "settings_panel_built", "captures": .array(ids.map { .number(Double($0)) }),
            ])
            let built = try await server.request(
                .post, "/templates", key: server.operatorKey, headers: [.contentType: "application/json"], body: Array(request.utf8))
            #expect(built.status == .created)
            #expect(built.json["required"]?.numberValue ?? 0 > 0)
            #expect(FileManager.default.fileExists(atPath: server.directory + "/templates/settings_panel_built.yaml"))
            let bad = JSONWriter(style: .compact).string(["screen_id": "x", "captures": [99_999]])
            let missing = try await server.request(
                .post, "/templates", key: server.operatorKey, headers: [.contentType: "application/json"], body: Array(bad.utf8))
            #expect(missing.status == .unprocessableContent)
        }
    }

    @Test func logsFilterPageAndExportStreams() async throws {
        try await LiveServer.with { server in
            for sample in [
                "doordash_offer_card/drift/demoted_alternative.json", "doordash_offer_card/drift/false_urgency.json",
                "login_form/clean.json",
            ] {
                #expect(try await server.postSample(sample).status == .created)
            }
            let all = try await server.request(.get, "/logs", key: server.readonly)
            let events = all.json["events"]?.arrayValue ?? []
            #expect(!events.isEmpty)
            let manipulative = try await server.request(.get, "/logs?kind=manipulative", key: server.readonly)
            let kinds = Set(manipulative.json["events"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? [])
            #expect(kinds == ["manipulative"])
            let page = try await server.request(.get, "/logs?limit=1", key: server.readonly)
            #expect(page.json["events"]?.arrayValue?.count == 1)
            let cursor = try #require(page.json["next_cursor"]?.stringValue)
            let next = try await server.request(.get, "/logs?limit=1&cursor=\(cursor)", key: server.readonly)
            #expect(next.json["events"]?.arrayValue?.first?["seq"] != page.json["events"]?.arrayValue?.first?["seq"])
            let offset = try await server.request(.get, "/logs?limit=1&offset=1", key: server.readonly)
            #expect(offset.json["events"]?.arrayValue?.first?["seq"] == next.json["events"]?.arrayValue?.first?["seq"])
            #expect(try await server.request(.get, "/logs?kind=nonsense", key: server.readonly).status == .badRequest)

            let size = try await server.state.ledger.store.size()
            let ndjson = try await server.request(.get, "/logs/export?format=ndjson", key: server.readonly)
            #expect(ndjson.status == .ok)
            #expect(ndjson.headers[.contentType] == "application/x-ndjson")
            #expect(UInt64(ndjson.text.split(separator: "\n").count) == size)
            let csv = try await server.request(.get, "/logs/export?format=csv&kind=drift", key: server.readonly)
            // CSV lines end in CRLF (RFC 4180): one header and one row per drift event.
            #expect(csv.text.split(whereSeparator: \.isNewline).count == events.count + 1)
            let html = try await server.request(.get, "/logs/export?format=html", key: server.readonly)
            #expect(html.text.contains("<svg"))
            #expect(try await server.request(.get, "/logs/export?format=xml", key: server.readonly).status == .badRequest)
        }
    }

    @Test func consistencyProofsAndStatus() async throws {
        try await LiveServer.with { server in
            #expect(try await server.postSample("login_form/clean.json").status == .created)
            let first = try await server.request(.get, "/ledger/checkpoint")
            let firstSize = try await server.state.ledger.store.size()
            #expect(first.headers[.init("X-Ledger-Size")!] == String(firstSize))
            #expect(try await server.postSample("checkout/clean.json").status == .created)
            let size = try await server.state.ledger.store.size()
            let proof = try await server.request(.get, "/ledger/proof/consistency?from=\(firstSize)", key: server.readonly)
            #expect(proof.status == .ok)
            #expect(proof.json["to"]?.numberValue == Double(size))
            let verified = try Checkpoint.open(Array(first.text.utf8), verifiers: [server.state.ledger.signer.verifierKey]).checkpoint
            let latest = try Checkpoint(
                parsing: try #require(proof.json["checkpoint"]?.stringValue).components(separatedBy: "\n\n")[0] + "\n")
            let hashes = (proof.json["proof"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap { Hash32(base64: $0) } }
            #expect(throws: Never.self) {
                try MerkleProof.verifyConsistency(
                    size1: verified.size, size2: latest.size, proof: hashes, root1: verified.rootHash, root2: latest.rootHash)
            }
            #expect(try await server.request(.get, "/ledger/proof/consistency?from=5&to=2", key: server.readonly).status == .badRequest)
            #expect(try await server.request(.get, "/ledger/proof/inclusion?seq=9", key: server.readonly).status == .badRequest)
            #expect(try await server.request(.get, "/ledger/entries/99", key: server.readonly).status == .notFound)
            let status = try await server.request(.get, "/status", key: server.readonly)
            #expect(status.json["version"]?.stringValue == SystemZeroVersion.string)
            #expect(status.json["ledger_size"]?.numberValue == Double(size))
            let dashboard = try await server.request(.get, "/dashboard", key: server.readonly)
            #expect(dashboard.json["captures_today"]?.numberValue == 2)
            #expect(dashboard.json["requests_total"]?.numberValue ?? 0 >= 4)
        }
    }
}
