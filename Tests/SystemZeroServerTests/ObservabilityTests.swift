import Foundation
import HTTPTypes
import SystemZeroCore
import SystemZeroLedger
import Testing

@testable import SystemZeroServer

@Suite struct ObservabilityTests {
    @Test func requestLogHasOneJSONLinePerRequestWithoutTheKey() async throws {
        try await LiveServer.with { server in
            _ = try await server.request(
                .get, "/templates", key: server.readonly, headers: [.init("X-Request-ID")!: "req-42", .userAgent: "probe/1"])
            _ = try await server.request(.get, "/templates", key: "sz_000000000000_" + String(repeating: "A", count: 43))
            server.state.requestLog.flush()
            let text = try String(contentsOfFile: server.directory + "/logs/api_requests.log", encoding: .utf8)
            let lines = text.split(separator: "\n").map { try? JSONParser().parse(Array($0.utf8)) }
            #expect(lines.count == 2)
            let first = try #require(lines[0])
            #expect(first["request_id"]?.stringValue == "req-42")
            #expect(first["method"]?.stringValue == "GET")
            #expect(first["route"]?.stringValue == "/templates")
            #expect(first["status"]?.numberValue == 200)
            #expect(first["latency_ms"]?.numberValue != nil)
            #expect(first["client_ip"]?.stringValue == "127.0.0.1")
            #expect(first["user_agent"]?.stringValue == "probe/1")
            #expect(first["key_id"]?.stringValue == String(server.readonly.dropFirst(3).prefix(12)))
            #expect(lines[1]?["status"]?.numberValue == 401)
            for key in server.keys.values { #expect(!text.contains(key)) }
            #expect(!text.contains(String(repeating: "A", count: 43)))
        }
    }

    @Test func probesAreCountedButLoggedOnlyWhenAsked() async throws {
        try await LiveServer.with { server in
            _ = try await server.request(.get, "/health")
            _ = try await server.request(.get, "/ready")
            _ = try await server.request(.get, "/openapi.yaml")
            server.state.requestLog.flush()
            let path = server.directory + "/logs/api_requests.log"
            let routes = { () throws -> [String] in
                try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap {
                    try? JSONParser().parse(Array($0.utf8))["route"]?.stringValue
                }
            }
            #expect(try routes() == ["/openapi.yaml"])
            let metrics = String(decoding: server.state.metrics.exposition(), as: UTF8.self)
            #expect(metrics.contains(#"route="/health""#) && metrics.contains(#"route="/ready""#))
            // A reload turns the probes' lines on.
            var settings = server.state.settings.value
            settings.requestLogProbes = true
            server.state.requestLog.configure(retentionDays: settings.requestLogRetentionDays, logsProbes: settings.requestLogProbes)
            _ = try await server.request(.get, "/health")
            server.state.requestLog.flush()
            #expect(try routes() == ["/openapi.yaml", "/health"])
        }
    }

    @Test func requestLogLinesStayValidJSONWhateverTheClientSends() throws {
        let hostile = "agent \"quoted\" \\ back\u{01}slash\ttab ünïcødé 🚕"
        let line = RequestLogLine(
            time: "2026-11-27T03:00:00.000Z", requestID: "id\n2", method: "GET", route: "unmatched", path: "/a\"b",
            status: 404, latencyMicroseconds: 1_050, clientAddress: "::1", userAgent: hostile, keyID: nil)
        let parsed = try JSONParser().parse(line.bytes)
        #expect(parsed["user_agent"]?.stringValue == hostile)
        #expect(parsed["request_id"]?.stringValue == "id\n2")
        #expect(parsed["path"]?.stringValue == "/a\"b")
        #expect(parsed["latency_ms"]?.numberValue == 1.05)
        #expect(parsed["key_id"] == .null)
        #expect(!line.bytes.contains(0x0A), "one line per request")
        let formatted = [0, 7, 120, 1_000, 1_500, 123_456].map { value in
            var out: [UInt8] = []
            RequestLogLine.writeMilliseconds(Int64(value), into: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(formatted == ["0", "0.007", "0.12", "1", "1.5", "123.456"])
    }

    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() async throws {
        try await LiveServer.with(configure: { $0.trustedProxies = ["127.0.0.1"] }) { (server: LiveServer) async throws in
            let forwarded = HTTPField.Name("X-Forwarded-For")!
            _ = try await server.request(.get, "/openapi.yaml", headers: [forwarded: "198.51.100.7, 203.0.113.5"])
            _ = try await server.request(.get, "/openapi.yaml", headers: [forwarded: "not-an-address"])
            server.state.trustedProxies.set(TrustedProxies([]))
            _ = try await server.request(.get, "/openapi.yaml", headers: [forwarded: "203.0.113.5"])
            server.state.requestLog.flush()
            let text = try String(contentsOfFile: server.directory + "/logs/api_requests.log", encoding: .utf8)
            let clients = text.split(separator: "\n").compactMap { try? JSONParser().parse(Array($0.utf8))["client_ip"]?.stringValue }
            // The nearest untrusted hop; a hop that is not an address, or an untrusted peer, leaves the peer.
            #expect(clients == ["203.0.113.5", "127.0.0.1", "127.0.0.1"])
        }
    }

    @Test func trustedProxiesMayBeCIDRRanges() async throws {
        // The peer (127.0.0.1) and an inner proxy (10.1.2.3) are trusted through ranges; the client is the hop before.
        try await LiveServer.with(configure: { $0.trustedProxies = ["127.0.0.0/8", "10.0.0.0/8"] }) { (server: LiveServer) async throws in
            let forwarded = HTTPField.Name("X-Forwarded-For")!
            _ = try await server.request(.get, "/openapi.yaml", headers: [forwarded: "198.51.100.7, 10.1.2.3"])
            _ = try await server.request(.get, "/openapi.yaml", headers: [forwarded: "10.9.9.9, 10.1.2.3"])
            server.state.requestLog.flush()
            let text = try String(contentsOfFile: server.directory + "/logs/api_requests.log", encoding: .utf8)
            let clients = text.split(separator: "\n").compactMap { try? JSONParser().parse(Array($0.utf8))["client_ip"]?.stringValue }
            // Every hop trusted: the peer stays the client (nothing untrusted vouches for another address).
            #expect(clients == ["198.51.100.7", "127.0.0.1"])
        }
    }

    @Test func addressRangesParseAndMatchLikeCIDR() throws {
        let ranges = ["10.0.0.0/8", "192.0.2.7", "fd00::/8", "::1", "0.0.0.0/0"].map(AddressRange.init)
        #expect(ranges.allSatisfy { $0 != nil })
        let network = try #require(AddressRange("10.0.0.0/8"))
        #expect(network.contains("10.255.0.1"))
        #expect(!network.contains("11.0.0.1"))
        #expect(network.contains("::ffff:10.0.0.5"), "an IPv4-mapped IPv6 peer is its IPv4 address")
        #expect(!network.contains("not-an-address"))
        #expect(try #require(AddressRange("fd00::/8")).contains("fd12:3456::1"))
        #expect(!(try #require(AddressRange("fd00::/8")).contains("fe80::1")))
        #expect(try #require(AddressRange("0.0.0.0/0")).contains("203.0.113.9"))
        #expect(!(try #require(AddressRange("0.0.0.0/0")).contains("::1")), "an IPv4 range holds no IPv6 address")
        #expect(network.description == "10.0.0.0/8")
        #expect(try #require(AddressRange("::1")).description == "::1")
        // Host bits after the prefix, prefixes out of range, and words are refused, not guessed.
        for bad in ["10.0.0.1/8", "10.0.0.0/33", "fd00::/129", "10.0.0.0/-1", "10.0.0.0/", "proxy.local", "10.0.0.0/8/8", ""] {
            #expect(AddressRange(bad) == nil, "\(bad)")
        }
        #expect(TrustedProxies(["10.0.0.0/8", "::1"]).contains("::1"))
        #expect(!TrustedProxies([]).contains("127.0.0.1"))
    }

    @Test func requestLogRotatesAndKeepsTheConfiguredDays() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("systemzero-log-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let start = try Date("2026-11-01T12:00:00Z", strategy: .iso8601)
        let clock = LockedValue(start)
        // An old rotated file, beyond the retention.
        _ = FileManager.default.createFile(atPath: directory + "/api_requests-2026-10-01.log", contents: Data("old\n".utf8))
        let log = RequestLog(directory: directory, rotation: .daily, retentionDays: 7, clock: { clock.value })
        log.append(Array(#"{"n":1}"#.utf8))
        log.flush()
        clock.set(start.addingTimeInterval(86_400))
        log.append(Array(#"{"n":2}"#.utf8))
        log.flush()
        log.close()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == ["api_requests-2026-11-01.log", "api_requests.log"])
        // The line written before midnight is in the rotated file, the later one in the live file.
        #expect(try String(contentsOfFile: directory + "/api_requests-2026-11-01.log", encoding: .utf8) == "{\"n\":1}\n")
        #expect(try String(contentsOfFile: directory + "/api_requests.log", encoding: .utf8) == "{\"n\":2}\n")
    }

    @Test func metricsReportKnownTrafficInPrometheusFormat() async throws {
        try await LiveServer.with { server in
            for _ in 0..<3 { _ = try await server.request(.get, "/templates", key: server.readonly) }
            _ = try await server.request(.get, "/templates")
            _ = try await server.postSample("doordash_offer_card/drift/demoted_alternative.json")
            _ = try await server.postSample("login_form/clean.json")
            let metrics = try await server.request(.get, "/metrics")
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = metrics.text
            #expect(text.contains(#"systemzero_http_requests_total{method="GET",route="/templates",status="200"} 3"#))
            #expect(text.contains(#"systemzero_http_requests_total{method="GET",route="/templates",status="401"} 1"#))
            #expect(text.contains(#"systemzero_http_errors_total{status="401"} 1"#))
            #expect(text.contains(#"systemzero_http_request_duration_seconds_count{method="GET",route="/templates"} 4"#))
            #expect(text.contains("systemzero_captures_total 2"))
            #expect(text.contains(#"systemzero_drift_events_total{kind="manipulative",severity="#))
            let size = try await server.state.ledger.store.size()
            #expect(text.contains("systemzero_ledger_entries \(Double(size))") || text.contains("systemzero_ledger_entries \(size)"))
            #expect(text.contains("systemzero_ledger_append_duration_seconds_count 2"))
            #expect(text.contains(#"systemzero_build_info{version="\#(SystemZeroVersion.string)"} 1"#))
            #expect(text.contains("systemzero_templates_loaded "))
        }
    }

    @Test func metricsCanRequireAKey() async throws {
        try await LiveServer.with(configure: { $0.metricsRequireKey = true }) { (server: LiveServer) async throws in
            #expect(try await server.request(.get, "/metrics").status == .unauthorized)
            #expect(try await server.request(.get, "/metrics", key: server.readonly).status == .ok)
        }
    }

    @Test func readinessNamesEachFailingCheck() async throws {
        try await LiveServer.with { server in
            #expect(try await server.request(.get, "/ready").status == .ok)
            func failures() async throws -> [String] {
                let response = try await server.request(.get, "/ready")
                #expect(response.status == .serviceUnavailable)
                return response.json["failures"]?.arrayValue?.compactMap { $0["check"]?.stringValue } ?? []
            }
            // Templates: the folder is gone.
            try FileManager.default.moveItem(atPath: server.directory + "/templates", toPath: server.directory + "/templates.away")
            #expect(try await failures() == ["templates"])
            try FileManager.default.moveItem(atPath: server.directory + "/templates.away", toPath: server.directory + "/templates")
            // Logs: the folder is gone.
            try FileManager.default.moveItem(atPath: server.directory + "/logs", toPath: server.directory + "/logs.away")
            #expect(try await failures() == ["logs"])
            try FileManager.default.moveItem(atPath: server.directory + "/logs.away", toPath: server.directory + "/logs")
            // Keys: the key file no longer parses.
            let keyFile = server.state.keys.path
            let keys = try Data(contentsOf: URL(fileURLWithPath: keyFile))
            try Data("keys: [{id: 1}]\n".utf8).write(to: URL(fileURLWithPath: keyFile))
            #expect(try await failures() == ["keys"])
            try keys.write(to: URL(fileURLWithPath: keyFile))
            // Ledger: a checkpoint that this ledger's key did not sign.
            let stranger = try NoteSignerKey.generate(name: server.state.ledger.origin)
            let size = try await server.state.ledger.store.size()
            let forged = try Checkpoint(
                origin: server.state.ledger.origin, size: size, rootHash: try await server.state.ledger.store.root(treeSize: size)
            )
            .signed(by: [stranger]).serialized
            try await server.state.ledger.store.saveCheckpoint(size: size, note: forged)
            #expect(try await failures() == ["ledger"])
            _ = try await server.state.ledger.signCheckpoint()
            #expect(try await server.request(.get, "/ready").status == .ok)
            // Draining.
            server.state.draining.set(true)
            #expect(try await failures() == ["draining"])
        }
    }

    @Test func dashboardFiguresFollowTraffic() async throws {
        try await LiveServer.with { server in
            _ = try await server.postSample("doordash_offer_card/drift/demoted_alternative.json")
            _ = try await server.request(.get, "/nowhere")
            let dashboard = try await server.request(.get, "/dashboard", key: server.readonly)
            #expect(dashboard.json["captures_today"]?.numberValue == 1)
            #expect(dashboard.json["requests_total"]?.numberValue == 2)
            #expect(dashboard.json["error_rate"]?.numberValue == 0.5)
            let critical = dashboard.json["drift_by_severity"]?["critical"]?.numberValue ?? 0
            let warning = dashboard.json["drift_by_severity"]?["warning"]?.numberValue ?? 0
            #expect(critical + warning > 0)
            let html = try await server.request(.get, "/dashboard", key: server.readonly, headers: [.accept: "text/html"])
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.text.contains(#"data-figure="captures_today">1<"#))
            #expect(!html.text.contains("http://") && !html.text.contains("https://"))
        }
    }
}
