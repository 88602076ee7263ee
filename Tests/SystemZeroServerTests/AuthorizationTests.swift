import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import SystemZeroServer

/// Every endpoint against every role and every state a key can be in, through a live server.
@Suite struct AuthorizationTests {
    /// A path for each route that reaches its handler (parameters filled in with something harmless).
    static func concretePath(_ route: APIRoute) -> String {
        route.path.replacingOccurrences(of: "{id}", with: route.path.hasPrefix("/auth") ? "000000000000" : "0")
            .replacingOccurrences(of: "{screen_id}", with: "login_form").replacingOccurrences(of: "{seq}", with: "0")
    }

    @Test func everyEndpointAgainstEveryRole() async throws {
        try await LiveServer.with { server in
            for route in APIRoute.all {
                let path = Self.concretePath(route)
                // No key: public endpoints answer, the rest are 401 with a problem body.
                let anonymous = try await server.request(route.method, path)
                if let role = route.role {
                    #expect(anonymous.status == .unauthorized, "\(route.method) \(path) without a key")
                    #expect(anonymous.headers[.contentType] == "application/problem+json")
                    #expect(anonymous.json["detail"]?.stringValue?.contains("needs an API key") == true)
                    for candidate in APIRole.allCases {
                        let response = try await server.request(route.method, path, key: server.keys[candidate])
                        if candidate >= role {
                            #expect(
                                response.status != .unauthorized && response.status != .forbidden && response.status != .notImplemented,
                                "\(route.method) \(path) as \(candidate): \(response.status)")
                        } else {
                            #expect(response.status == .forbidden, "\(route.method) \(path) as \(candidate)")
                            #expect(response.json["status"]?.numberValue == 403)
                        }
                    }
                } else {
                    #expect(anonymous.status != .unauthorized && anonymous.status != .forbidden, "\(route.method) \(path) is public")
                }
            }
        }
    }

    @Test func malformedUnknownRevokedExpiredAndRotatedKeys() async throws {
        try await LiveServer.with { server in
            func status(_ key: String) async throws -> (HTTPResponse.Status, String) {
                let response = try await server.request(.get, "/status", key: key)
                return (response.status, response.json["detail"]?.stringValue ?? "")
            }
            #expect(try await status("not-a-key").0 == .unauthorized)
            #expect(try await status("not-a-key").1.contains("malformed"))
            let unknown = APIKeySecret.generate().plaintext
            #expect(try await status(unknown).1.contains("not known"))
            // A right id with a wrong secret is unknown too.
            let forged = String(server.readonly.prefix(16)) + APIKeySecret.generate().plaintext.suffix(43)
            #expect(try await status(forged).1.contains("not known"))

            let store = server.state.keys
            let now = Date()
            let revoked = try store.create(name: "revoked", role: .readonly, lifetime: nil)
            _ = try store.revoke(id: revoked.record.id)
            #expect(try await status(revoked.key.plaintext).1.contains("revoked"))

            let expired = try store.create(name: "expired", role: .readonly, lifetime: .seconds(60), now: now.addingTimeInterval(-120))
            #expect(try await status(expired.key.plaintext).1.contains("expired"))

            // Rotated inside the grace period: both keys work.
            let original = try store.create(name: "rotating", role: .readonly, lifetime: nil)
            let rotated = try store.rotate(id: original.record.id, grace: .seconds(3_600))
            #expect(try await status(original.key.plaintext).0 == .ok)
            #expect(try await status(rotated.key.plaintext).0 == .ok)
            // After the grace period: the old key is refused, the new one works.
            let stale = try store.create(name: "stale", role: .readonly, lifetime: nil)
            let replacement = try store.rotate(id: stale.record.id, grace: .seconds(60), now: now.addingTimeInterval(-120))
            #expect(try await status(stale.key.plaintext).1.contains("rotated"))
            #expect(try await status(replacement.key.plaintext).0 == .ok)

            // Bearer works as well as X-API-Key.
            let bearer = try await server.request(.get, "/status", headers: [.authorization: "Bearer \(server.readonly)"])
            #expect(bearer.status == .ok)
        }
    }

    @Test func keyLifecycleThroughTheAPIIsLedgeredAndNeverLeaksSecrets() async throws {
        try await LiveServer.with { server in
            let body = Array(#"{"name": "capture-agent", "role": "operator", "lifetime": "30d"}"#.utf8)
            let created = try await server.request(
                .post, "/auth/token", key: server.admin, headers: [.contentType: "application/json"], body: body)
            #expect(created.status == .created)
            let key = try #require(created.json["key"]?.stringValue)
            let id = try #require(created.json["id"]?.stringValue)
            #expect(key.hasPrefix("sz_\(id)_"))
            #expect(created.json["expires"]?.stringValue != nil)

            let posted = try await server.postSample("login_form/clean.json", key: key)
            #expect(posted.status == .created)

            let listed = try await server.request(.get, "/auth/keys", key: server.admin)
            #expect(listed.status == .ok)
            #expect(!listed.text.contains(key))
            #expect(!listed.text.contains(APIKeySecret(parsing: Substring(key))!.secretHash))
            #expect(listed.json["keys"]?.arrayValue?.count == 4)

            let rotated = try await server.request(.post, "/auth/keys/\(id)/rotate", key: server.admin)
            #expect(rotated.status == .created)
            let newKey = try #require(rotated.json["key"]?.stringValue)
            #expect(rotated.json["rotated_from"]?.stringValue == id)
            #expect(try await server.request(.get, "/templates", key: key).status == .ok)
            #expect(try await server.request(.get, "/templates", key: newKey).status == .ok)

            let revoked = try await server.request(.delete, "/auth/keys/\(id)", key: server.admin)
            #expect(revoked.status == .ok)
            #expect(try await server.request(.get, "/templates", key: key).status == .unauthorized)
            #expect(try await server.request(.delete, "/auth/keys/ffffffffffff", key: server.admin).status == .notFound)

            // Each change is a ledger entry naming the key id, and neither the ledger nor the key file holds the key.
            let entries = try await server.state.ledger.store.query(.init(kind: "key", limit: 10))
            #expect(entries.map { $0.json["action"]?.stringValue } == ["create", "rotate", "revoke"])
            let keyFile = try String(contentsOfFile: server.state.keys.path, encoding: .utf8)
            for secret in [key, newKey] + Array(server.keys.values) {
                #expect(!keyFile.contains(secret))
                #expect(!entries.contains { String(decoding: $0.data, as: UTF8.self).contains(secret) })
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: server.state.keys.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }
}
