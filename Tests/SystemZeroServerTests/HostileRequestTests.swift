import Foundation
import HTTPTypes
import HummingbirdTesting
import SystemZeroCore
import SystemZeroLedger
import Testing

@testable import SystemZeroServer

/// What a hostile or careless client sends never traps the server: every number from a path, a query or a body is
/// parsed into its range or refused with a 4xx naming what was wrong, and the server answers the next request.
@Suite struct HostileRequestTests {
    /// Numbers in every form a client can write, around every edge a conversion can trap at.
    static let numbers: [String] = {
        var texts = [
            "9223372036854775807", "9223372036854775808", "9223372036854775809", "18446744073709551615", "18446744073709551616",
            "-1", "-9223372036854775808", "-9223372036854775809", "1e19", "1e300", "1.8e19", "1.5", "0.0", "1e3", "-0", "+5",
            "0x10", "NaN", "Infinity", "", " 1", "1 ", "%00", "00000000000000000000000000000000001", String(repeating: "9", count: 400),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<24 {
            let value = UInt64.random(in: .min ... .max, using: &generator)
            texts.append(String(value))
            texts.append(String(Int64(bitPattern: value)))
            texts.append("\(Double(bitPattern: value & 0x7FEF_FFFF_FFFF_FFFF))")
        }
        return texts
    }()

    /// Every numeric parameter of every route, with the number put in its place.
    static let numericTargets: [(path: @Sendable (String) -> String, role: APIRole)] = [
        ({ "/captures/\($0)" }, .readonly), ({ "/ledger/entries/\($0)" }, .readonly), ({ "/captures?cursor=\($0)" }, .readonly),
        ({ "/captures?limit=\($0)" }, .readonly), ({ "/logs?cursor=\($0)" }, .readonly), ({ "/logs?limit=\($0)" }, .readonly),
        ({ "/logs?offset=\($0)" }, .readonly), ({ "/ledger/proof/inclusion?seq=\($0)" }, .readonly),
        ({ "/ledger/proof/inclusion?seq=0&size=\($0)" }, .readonly), ({ "/ledger/proof/consistency?from=\($0)" }, .readonly),
        ({ "/ledger/proof/consistency?from=1&to=\($0)" }, .readonly),
    ]

    @Test func everyNumericParameterGetsA4xxAndTheServerLives() async throws {
        try await LiveServer.with { server in
            #expect(try await server.postSample("doordash_offer_card/clean.json").status == .created)
            var answered = 0
            for target in Self.numericTargets {
                for number in Self.numbers {
                    let encoded = number.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? number
                    let path = target.path(encoded)
                    let response = try await server.request(.get, path, key: server.keys[target.role])
                    // In range and present: 200. Everything else: a problem, never a 5xx or a dropped connection.
                    #expect(response.status.code < 500, "\(path) answered \(response.status.code)")
                    if response.status.code >= 400 {
                        #expect(response.json["detail"]?.stringValue?.isEmpty == false, "\(path)")
                    }
                    answered += 1
                }
            }
            #expect(answered == Self.numericTargets.count * Self.numbers.count)
            #expect(try await server.request(.get, "/health").status == .ok)
            // A number past 2⁶³ − 1 names the parameter it came in.
            let huge = try await server.request(.get, "/ledger/entries/9223372036854775808", key: server.readonly)
            #expect(huge.status == .badRequest)
            #expect(huge.json["parameter"]?.stringValue == "seq")
            let cursor = try await server.request(.get, "/captures?cursor=9223372036854775808", key: server.readonly)
            #expect(cursor.status == .badRequest)
            #expect(cursor.json["parameter"]?.stringValue == "cursor")
        }
    }

    @Test func numbersInBodiesAreCheckedExactly() async throws {
        try await LiveServer.with { server in
            for number in ["1e19", "1e300", "1.8e19", "18446744073709551615", "-1", "0.5", "9223372036854775808"] {
                let build = try await server.request(
                    .post, "/templates", key: server.operatorKey, headers: [.contentType: "application/json"],
                    body: Array(#"{"screen_id":"x","captures":[\#(number)]}"#.utf8))
                #expect(build.status == .unprocessableContent, "captures [\(number)]: \(build.status)")
                let token = try await server.request(
                    .post, "/auth/token", key: server.admin, headers: [.contentType: "application/json"],
                    body: Array(#"{"name":"n","role":"readonly","lifetime":\#(number)}"#.utf8))
                #expect(token.status == .unprocessableContent, "lifetime \(number): \(token.status)")
            }
            #expect(try await server.request(.get, "/health").status == .ok)
            #expect(try await server.state.ledger.store.size() == 0)
        }
    }

    @Test func aCaptureMustBeAnObjectWithATree() async throws {
        try await LiveServer.with { server in
            let bodies: [(String, String)] = [
                ("application/yaml", "false"), ("application/yaml", "42"), ("application/yaml", "~"), ("application/yaml", "[]"),
                ("application/yaml", "{}"), ("application/yaml", ""), ("application/yaml", "- just text"),
                ("application/json", "[]"), ("application/json", "{}"), ("application/json", "42"), ("application/json", "null"),
                ("application/json", #"{"tree": 1}"#), ("application/vnd.chrome.ax+json", #"{"nodes": []}"#),
            ]
            for (type, body) in bodies {
                let response = try await server.request(
                    .post, "/captures", key: server.operatorKey, headers: [.contentType: type], body: Array(body.utf8))
                #expect((400..<500).contains(response.status.code), "\(type) \(body): \(response.status)")
            }
            #expect(try await server.state.ledger.store.size() == 0, "nothing refused is recorded")
        }
    }

    @Test func duplicateKeysAreRefused() async throws {
        try await LiveServer.with { server in
            let captures = [
                #"{"tree":{"role":"window","name":"a","name":"b"}}"#, #"{"app":"a","app":"b","tree":{"role":"window"}}"#,
                #"{"tree":{"role":"window","attributes":{"k":"1","k":"2"}}}"#, #"{"tree":{"role":"window"},"tree":{"role":"dialog"}}"#,
            ]
            for body in captures {
                let response = try await server.request(
                    .post, "/captures", key: server.operatorKey, headers: [.contentType: "application/json"], body: Array(body.utf8))
                #expect(response.status == .badRequest, "\(body): \(response.status)")
                #expect(response.json["detail"]?.stringValue?.contains("appears twice") == true)
            }
            let token = try await server.request(
                .post, "/auth/token", key: server.admin, headers: [.contentType: "application/json"],
                body: Array(#"{"name":"a","role":"readonly","role":"admin"}"#.utf8))
            #expect(token.status == .badRequest)
            #expect(try await server.state.ledger.store.size() == 0)
        }
    }

    @Test func anAuthorizationHeaderMustBeBearer() async throws {
        try await LiveServer.with { server in
            for value in [server.readonly, "Basic \(server.readonly)", "Token \(server.readonly)", "Bearer"] {
                let response = try await server.request(.get, "/templates", headers: [.authorization: value])
                #expect(response.status == .unauthorized, "Authorization: \(value)")
            }
            let bare = try await server.request(.get, "/templates", headers: [.authorization: server.readonly])
            #expect(bare.json["detail"]?.stringValue?.contains("Bearer scheme") == true)
            #expect(try await server.request(.get, "/templates", headers: [.authorization: "bearer \(server.readonly)"]).status == .ok)
        }
    }

    @Test func otherMethodsOnKnownPathsAre405AndHeadAnswersLikeGet() async throws {
        try await LiveServer.with { server in
            for (method, path) in [
                (HTTPRequest.Method.trace, "/health"), (.post, "/health"), (.delete, "/captures"), (.put, "/templates/login_form"),
                (.patch, "/ledger/entries/0"), (.options, "/status"),
            ] {
                let response = try await server.request(method, path, key: server.admin)
                #expect(response.status == .methodNotAllowed, "\(method) \(path): \(response.status)")
                #expect(response.headers[.allow]?.isEmpty == false)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            let allow = try await server.request(.delete, "/captures", key: server.admin).headers[.allow]
            #expect(allow == "POST, GET, HEAD")
            #expect(try await server.request(.get, "/no/such/path", key: server.admin).status == .notFound)
            // A method HTTP does not know at all is refused by NIO's parser (400, connection closed) before routing.
            let head = try await server.request(.head, "/health")
            #expect(head.status == .ok)
            #expect(head.body == nil || head.body?.readableBytes == 0)
            #expect(try await server.request(.head, "/templates", key: server.readonly).status == .ok)
        }
    }

    @Test func readinessDetailsAreForCallersWithAKey() async throws {
        try await LiveServer.with { server in
            try "keys: [\n".write(toFile: server.state.keys.path, atomically: true, encoding: .utf8)
            let anonymous = try await server.request(.get, "/ready")
            #expect(anonymous.status == .serviceUnavailable)
            #expect(anonymous.json["failures"]?.arrayValue?.first?["check"]?.stringValue == "keys")
            #expect(anonymous.json["failures"]?.arrayValue?.first?["detail"] == nil)
            #expect(!anonymous.text.contains(server.directory), "no path for anonymous callers")
            let known = try await server.request(.get, "/ready", key: server.readonly)
            #expect(known.json["failures"]?.arrayValue?.first?["detail"]?.stringValue?.contains("api_keys.yaml") == true)
        }
    }

    @Test func csvCellsThatLookLikeFormulasAreDefused() async throws {
        try await LiveServer.with { server in
            for session in ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tTAB", "\rCR", "plain"] {
                let query = "?session=" + (session.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                #expect(try await server.postSample("doordash_offer_card/clean.json", query: query).status == .created)
            }
            let csv = try await server.request(.get, "/logs/export?format=csv&kind=capture", key: server.readonly).text
            let rows = csv.split(separator: "\r\n").dropFirst()
            #expect(rows.count == 7)
            for row in rows {
                let cells = row.split(separator: ",", omittingEmptySubsequences: false)
                let sessionCell = cells.count > 4 ? cells[4] : ""
                #expect(!["=", "+", "-", "@", "\t", "\r"].contains(where: { sessionCell.hasPrefix($0) }), "\(row.prefix(80))")
            }
            #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
            #expect(csv.contains("\"'@SUM(A1)\""))
            #expect(csv.contains(",plain,"))
        }
    }
}
