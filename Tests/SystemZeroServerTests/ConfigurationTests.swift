import Foundation
import HTTPTypes
import SystemZeroCore
import Testing

@testable import SystemZeroServer

@Suite struct ConfigurationTests {
    func temporaryFolder() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("systemzero-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/config", withIntermediateDirectories: true)
        return directory
    }

    @Test func layersRiseFromDefaultsThroughFileAndDotEnvToEnvironment() throws {
        let directory = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "port: 9000\nrate_limit: 50\ncors_origins:\n  - https://a.example\n  - https://b.example\nbody_limit: 4096\n"
            .write(toFile: directory + "/config/settings.yaml", atomically: true, encoding: .utf8)
        try "# comment\nexport SYSTEMZERO_RATE_LIMIT=70\nHOST='0.0.0.0'\nSYSTEMZERO_BODY_LIMIT=8192 # inline\n"
            .write(toFile: directory + "/.env", atomically: true, encoding: .utf8)
        let loader = SettingsLoader(
            environment: ["SYSTEMZERO_CONFIG_DIR": directory + "/config", "SYSTEMZERO_BODY_LIMIT": "16384", "PORT": "9100"],
            dotEnvPath: directory + "/.env")
        let (settings, sources) = try loader.load()
        #expect(settings.port == 9100)  // the seed's PORT, from the environment, over the file
        #expect(settings.rateLimitPerMinute == 70)  // .env over the file
        #expect(settings.host == "0.0.0.0")  // the seed's HOST from .env
        #expect(settings.bodyLimit == 16384)  // the environment over .env
        #expect(settings.corsOrigins == ["https://a.example", "https://b.example"])  // the file
        #expect(settings.drainSeconds == 30)  // the default
        #expect(sources["SYSTEMZERO_PORT"] == "environment")
        #expect(sources["SYSTEMZERO_RATE_LIMIT"] == directory + "/.env")
        #expect(sources["SYSTEMZERO_CORS_ORIGINS"] == directory + "/config/settings.yaml")
        // SYSTEMZERO_ names win over the seed's.
        let both = try SettingsLoader(environment: ["PORT": "1", "SYSTEMZERO_PORT": "2"], dotEnvPath: "/nonexistent").load().settings
        #expect(both.port == 2)
    }

    @Test func badValuesNameTheVariableAndTheFormExpected() throws {
        func error(_ environment: [String: String]) -> String {
            do {
                _ = try SettingsLoader(environment: environment, dotEnvPath: "/nonexistent").load()
                return ""
            } catch {
                return error.description
            }
        }
        #expect(
            error(["PORT": "eighty"])
                == #"SYSTEMZERO_PORT: "eighty" from the environment is not valid: expected a whole number from 0 to 65535"#)
        #expect(error(["SYSTEMZERO_CORS_ORIGINS": "*"]).hasPrefix("SYSTEMZERO_CORS_ORIGINS:"))
        #expect(error(["SYSTEMZERO_TRUSTED_PROXIES": "10.0.0.1,proxy.local"]).hasPrefix("SYSTEMZERO_TRUSTED_PROXIES:"))
        #expect(error(["SYSTEMZERO_LOG_LEVEL": "loud"]).contains("one of trace, debug, info"))
        #expect(error(["SYSTEMZERO_METRICS_REQUIRE_KEY": "maybe"]).contains("true or false"))
        #expect(error(["SYSTEMZERO_TLS_CERT": "/cert.pem"]).contains("must be set together"))
        // A secret's value is never repeated in the message.
        #expect(!error(["SYSTEMZERO_API_KEY": "", "SYSTEMZERO_RATE_BURST": "0"]).isEmpty)

        let directory = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "port: 8080\nrate_limt: 5\n".write(toFile: directory + "/config/settings.yaml", atomically: true, encoding: .utf8)
        let unknown = error(["SYSTEMZERO_CONFIG_DIR": directory + "/config"])
        #expect(unknown.contains("unknown key \"rate_limt\" (line 2)"))
    }

    @Test func configEndpointRedactsSecrets() async throws {
        try await LiveServer.with(configure: { $0.bootstrapAPIKey = "bootstrap-secret-value-0123456789abcdef" }) {
            (server: LiveServer) async throws in
            let response = try await server.request(.get, "/config", key: server.admin)
            #expect(response.status == .ok)
            #expect(!response.text.contains("bootstrap-secret-value-0123456789abcdef"))
            let apiKey = response.json["settings"]?.arrayValue?.first { $0["name"]?.stringValue == "SYSTEMZERO_API_KEY" }
            #expect(apiKey?["value"]?.stringValue == "[redacted]")
            // The bootstrap key itself works, as an admin.
            #expect(try await server.request(.get, "/auth/keys", key: "bootstrap-secret-value-0123456789abcdef").status == .ok)
        }
    }

    @Test func liveReloadChangesTheRateLimitAndNamesWhatNeedsARestart() async throws {
        try await LiveServer.with { server in
            for _ in 0..<5 { #expect(try await server.request(.get, "/status", key: server.readonly).status == .ok) }
            server.settingsSource.withLock {
                $0.rateLimitPerMinute = 1
                $0.rateBurst = 2
                $0.port = 1
            }
            let reload = try await server.request(.post, "/config/reload", key: server.admin)
            #expect(reload.status == .ok)
            let applied = reload.json["applied"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(applied.contains("SYSTEMZERO_RATE_LIMIT") && applied.contains("SYSTEMZERO_RATE_BURST"))
            #expect(reload.json["needs_restart"]?.arrayValue?.compactMap(\.stringValue) == ["SYSTEMZERO_PORT"])
            // The admin's own bucket was spent by the reload; the readonly key's holds at most the new burst.
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<4 { statuses.append(try await server.request(.get, "/templates", key: server.readonly).status) }
            #expect(statuses.contains(.tooManyRequests))
            let entries = try await server.state.ledger.store.query(.init(kind: "config", limit: 5))
            #expect(entries.count == 1)
            #expect(entries.first?.json["needs_restart"]?.arrayValue == ["SYSTEMZERO_PORT"])
        }
    }

    @Test func reloadWithABadTemplateChangesNothing() async throws {
        try await LiveServer.with { server in
            let before = server.state.pipeline.value.matcher.library.templates.count
            try "screen_id: broken\nrequired: [\"[\"]\n".write(
                toFile: server.directory + "/templates/broken.yaml", atomically: true, encoding: .utf8)
            server.settingsSource.withLock { $0.rateBurst = 7 }
            let reload = try await server.request(.post, "/config/reload", key: server.admin)
            #expect(reload.status.code >= 400)
            #expect(server.state.pipeline.value.matcher.library.templates.count == before)
            #expect(server.state.settings.value.rateBurst == 1_000_000)
        }
    }
}
