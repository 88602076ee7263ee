import Foundation
import HTTPTypes
import HummingbirdTesting
import SystemZeroCapture
import SystemZeroCore
import SystemZeroLedger
import Testing

@testable import SystemZeroServer

@Suite struct CaptureAPITests {
    @Test func postedCaptureIsMatchedRecordedAndProvablyInTheLedger() async throws {
        try await LiveServer.with { server in
            let response = try await server.postSample("doordash_offer_card/drift/demoted_alternative.json", query: "?session=shift-1")
            #expect(response.status == .created)
            let seq = UInt64(try #require(response.json["seq"]?.numberValue))
            #expect(response.headers[.location] == "/captures/\(seq)")
            #expect(response.json["screen"]?.stringValue == "doordash_offer_card")
            let rules = response.json["events"]?.arrayValue?.compactMap { $0["rule"]?.stringValue } ?? []
            #expect(rules.contains("demoted_alternative"))

            // The inclusion proof the answer points at verifies against the signed checkpoint.
            let proofPath = try #require(response.json["inclusion_proof"]?.stringValue)
            let proof = try await server.request(.get, proofPath, key: server.readonly)
            #expect(proof.status == .ok)
            let note = try #require(proof.json["checkpoint"]?.stringValue)
            let checkpoint = try Checkpoint.open(Array(note.utf8), verifiers: [server.state.ledger.signer.verifierKey]).checkpoint
            let leaf = try #require(proof.json["leaf_hash"]?.stringValue.flatMap { Hash32(base64: $0) })
            let path = (proof.json["proof"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap { Hash32(base64: $0) } }
            #expect(checkpoint.size == UInt64(proof.json["tree_size"]?.numberValue ?? 0))
            #expect(throws: Never.self) {
                try MerkleProof.verifyInclusion(
                    leafHash: leaf, index: seq, treeSize: checkpoint.size, proof: path, root: checkpoint.rootHash)
            }

            // The checkpoint is public, and the entry is served byte for byte.
            let public_ = try await server.request(.get, "/ledger/checkpoint")
            #expect(public_.status == .ok)
            #expect(public_.text == note)
            let entry = try await server.request(.get, "/ledger/entries/\(seq)", key: server.readonly)
            let canonical = try #require(entry.json["canonical"]?.stringValue)
            #expect(MerkleHash.leaf(Array(canonical.utf8)).base64 == leaf.base64)

            // GET /captures/{id} returns the normalized tree and the drift events.
            let capture = try await server.request(.get, "/captures/\(seq)", key: server.readonly)
            #expect(capture.json["screen"]?.stringValue == "doordash_offer_card")
            #expect(capture.json["normalized_tree"]?["tree"] != nil)
            #expect(capture.json["drift_events"]?.arrayValue?.count == rules.count)
        }
    }

    /// Captures of one session posted at once are checked and recorded in the same order: every sequence event's
    /// "before" screen is the screen of the session's previous capture in the ledger.
    @Test func concurrentCapturesOfOneSessionKeepTheirOrderInTheLedger() async throws {
        try await LiveServer.with { server in
            let samples = ["login_form/clean.json", "checkout/clean.json", "gmail_inbox/clean.json", "settings_panel/clean.json"]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    group.addTask { _ = try await server.postSample(samples[index % samples.count], query: "?session=ordered") }
                }
                try await group.waitForAll()
            }
            let entries = try await server.state.ledger.store.query(.init(session: "ordered", limit: 1_000))
            let captures = entries.filter { $0.json["kind"]?.stringValue == "capture" }
            #expect(captures.count == 24)
            var checked = 0
            for entry in entries where entry.json["event"]?["rule"]?.stringValue == "invalid_transition" {
                let captureSeq = UInt64(entry.json["capture_seq"]?.numberValue ?? -1)
                let before = captures.last { $0.seq < captureSeq }?.json["screen"]?.stringValue
                #expect(entry.json["event"]?["evidence"]?.arrayValue?.first?["before"]?.stringValue == before)
                checked += 1
            }
            #expect(checked > 0)
        }
    }

    @Test func listingFiltersAndPagesWithACursor() async throws {
        try await LiveServer.with { server in
            for sample in ["login_form/clean.json", "checkout/clean.json", "login_form/clean_2.json"] {
                #expect(try await server.postSample(sample, query: "?session=s1").status == .created)
            }
            let all = try await server.request(.get, "/captures?limit=2", key: server.readonly)
            #expect(all.json["captures"]?.arrayValue?.count == 2)
            let cursor = try #require(all.json["next_cursor"]?.stringValue)
            let rest = try await server.request(.get, "/captures?limit=2&cursor=\(cursor)", key: server.readonly)
            #expect(rest.json["captures"]?.arrayValue?.count == 1)
            #expect(rest.json["next_cursor"] == nil)
            let logins = try await server.request(.get, "/captures?screen=login_form", key: server.readonly)
            #expect(logins.json["captures"]?.arrayValue?.count == 2)
            let none = try await server.request(.get, "/captures?session=other", key: server.readonly)
            #expect(none.json["captures"]?.arrayValue?.isEmpty == true)
            #expect(try await server.request(.get, "/captures?since=yesterday", key: server.readonly).status == .badRequest)
            #expect(try await server.request(.get, "/captures?limit=0", key: server.readonly).status == .badRequest)
        }
    }

    @Test func rawFormatsAreAcceptedByContentType() async throws {
        try await LiveServer.with { server in
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?><hierarchy rotation="0"><node index="0" text="" resource-id="com.example:id/root" \
                class="android.widget.FrameLayout" package="com.example" content-desc="" checkable="false" checked="false" clickable="false" \
                enabled="true" focusable="false" focused="false" scrollable="false" long-clickable="false" password="false" selected="false" \
                bounds="[0,0][1080,2340]"><node index="0" text="Sign in" resource-id="com.example:id/sign_in" class="android.widget.Button" \
                package="com.example" content-desc="" checkable="false" checked="false" clickable="true" enabled="true" focusable="true" \
                focused="false" scrollable="false" long-clickable="false" password="false" selected="false" bounds="[40,2000][1040,2140]"/></node></hierarchy>
                """
            let android = try await server.request(
                .post, "/captures", key: server.operatorKey, headers: [.contentType: "application/xml"], body: Array(xml.utf8))
            #expect(android.status == .created)
            let aria = "- heading \"Sign in\" [level=1]\n- textbox \"Email\"\n- button \"Continue\"\n"
            let yaml = try await server.request(
                .post, "/captures?app=web", key: server.operatorKey, headers: [.contentType: "application/yaml"], body: Array(aria.utf8))
            #expect(yaml.status == .created)
            let chrome =
                #"{"nodes": [{"nodeId": "1", "ignored": false, "role": {"type": "role", "value": "RootWebArea"}, "name": {"type": "computedString", "value": "Shop"}, "childIds": ["2"]}, {"nodeId": "2", "ignored": false, "role": {"type": "role", "value": "button"}, "name": {"type": "computedString", "value": "Buy"}, "childIds": []}]}"#
            let ax = try await server.request(
                .post, "/captures", key: server.operatorKey, headers: [.contentType: "application/json"], body: Array(chrome.utf8))
            #expect(ax.status == .created)
            let recorded = try await server.state.ledger.store.query(.init(kind: "capture", limit: 10))
            #expect(recorded.map { $0.json["source"]?.stringValue ?? "" }.count == 3)
        }
    }

    @Test func badCapturesGetProblemsAndRecordNothing() async throws {
        try await LiveServer.with(configure: { $0.bodyLimit = 64 << 10 }) { (server: LiveServer) async throws in
            func post(_ body: [UInt8], type: String, headers: HTTPFields = [:]) async throws -> TestClient.Response {
                var headers = headers
                headers[.contentType] = type
                return try await server.request(.post, "/captures", key: server.operatorKey, headers: headers, body: body)
            }
            let wrongType = try await post(Array("hello".utf8), type: "text/plain")
            #expect(wrongType.status == .unsupportedMediaType)
            #expect(wrongType.headers[.contentType] == "application/problem+json")
            #expect(wrongType.json["title"]?.stringValue == "Unsupported Media Type")
            #expect(try await post(Array("{\"tree\": ".utf8), type: "application/json").status == .badRequest)
            #expect(try await post([0x7B, 0xFF, 0xFE, 0x7D], type: "application/json").status == .badRequest)
            let xxe = """
                <?xml version="1.0"?><!DOCTYPE h [<!ENTITY x SYSTEM "file:///etc/passwd">]><hierarchy><node text="&x;"/></hierarchy>
                """
            let refused = try await post(Array(xxe.utf8), type: "application/xml")
            #expect(refused.status == .unprocessableContent || refused.status == .badRequest)
            #expect(!refused.text.contains("root:"))
            let deep =
                String(repeating: "{\"tree\":", count: 1) + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
                + "}"
            #expect(try await post(Array(deep.utf8), type: "application/json").status.code >= 400)
            let nan = #"{"tree": {"role": "window", "bounds": [0, 0, NaN, 10]}}"#
            #expect(try await post(Array(nan.utf8), type: "application/json").status.code >= 400)
            // Over the body limit with a Content-Length: refused before the body is read.
            let large = [UInt8](repeating: UInt8(ascii: " "), count: 100 << 10)
            let tooLarge = try await post(large, type: "application/json")
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.json["detail"]?.stringValue?.contains("limit") == true)
            #expect(try await server.state.ledger.store.size() == 0)
        }
    }

    @Test func chunkedBodyOverTheLimitIsRefused() async throws {
        try await LiveServer.with(configure: { $0.bodyLimit = 16 << 10 }) { (server: LiveServer) async throws in
            let file = server.directory + "/large.json"
            try Data(repeating: UInt8(ascii: " "), count: 200 << 10).write(to: URL(fileURLWithPath: file))
            // curl sends the body chunked, with no Content-Length.
            let output = try await CurlRunner.run([
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Transfer-Encoding: chunked",
                "-H", "Content-Type: application/json", "-H", "X-API-Key: \(server.operatorKey)", "--data-binary", "@\(file)",
                "http://127.0.0.1:\(server.port)/captures",
            ])
            #expect(output == "413")
            #expect(try await server.state.ledger.store.size() == 0)
        }
    }

    @Test func hundredConcurrentClientsLeaveExactlyTheAcknowledgedCaptures() async throws {
        try await LiveServer.with { server in
            let samples = ["login_form/clean.json", "checkout/clean.json", "doordash_offer_card/clean.json", "gmail_inbox/clean.json"]
            let acknowledged = try await withThrowingTaskGroup(of: [UInt64].self) { group in
                for client in 0..<100 {
                    group.addTask {
                        var seqs: [UInt64] = []
                        for round in 0..<3 {
                            let response = try await server.postSample(
                                samples[(client + round) % samples.count], query: "?session=c\(client)")
                            if response.status == .created, let seq = response.json["seq"]?.numberValue { seqs.append(UInt64(seq)) }
                        }
                        return seqs
                    }
                }
                var all: [UInt64] = []
                for try await seqs in group { all += seqs }
                return all
            }
            #expect(acknowledged.count == 300)
            let captures = try await server.state.ledger.store.query(.init(kind: "capture", limit: 1_000))
            #expect(Set(captures.map(\.seq)) == Set(acknowledged))
            #expect(server.state.counters.snapshot.byKind["capture"] == 300)
        }
    }
}

/// Runs curl (for what the test client cannot send, such as a chunked body) and returns its standard output. It waits
/// without blocking a thread: the server under test runs in this process, on the same two-thread cooperative pool.
enum CurlRunner {
    static func run(_ arguments: [String]) async throws -> String {
        let output = try await CommandRunner(timeout: .seconds(120), maxOutputBytes: 1 << 20).run(
            "/usr/bin/curl", ["--max-time", "100"] + arguments)
        return String(decoding: output.stdout, as: UTF8.self)
    }
}
