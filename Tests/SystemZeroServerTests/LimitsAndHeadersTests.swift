import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOSSL
import SystemZeroCapture
import Testing

@testable import SystemZeroServer

@Suite struct LimitsAndHeadersTests {
    @Test func rateLimitAnswers429WithHeadersAndRandomKeysDoNotEscapeIt() async throws {
        try await LiveServer.with(configure: {
            $0.rateLimitPerMinute = 1
            $0.rateBurst = 5
        }) { server in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 {
                let response = try await server.request(.get, "/templates", key: server.readonly)
                statuses.append(response.status)
                #expect(response.headers[.init("RateLimit-Limit")!] == "5")
            }
            #expect(statuses.allSatisfy { $0 == .ok })
            let limited = try await server.request(.get, "/templates", key: server.readonly)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter].flatMap(Int.init) ?? 0 >= 1)
            #expect(limited.headers[.init("RateLimit-Remaining")!] == "0")
            #expect(limited.json["status"]?.numberValue == 429)
            // A fresh made-up key each time is still the same client address.
            for _ in 0..<3 {
                let response = try await server.request(.get, "/templates", key: APIKeySecret.generate().plaintext)
                #expect(response.status == .tooManyRequests)
            }
            // Probes are not limited.
            #expect(try await server.request(.get, "/health").status == .ok)
        }
    }

    @Test func corsEchoesOnlyAllowedOriginsAndNeverAStar() async throws {
        try await LiveServer.with(configure: { $0.corsOrigins = ["https://console.example.org"] }) { (server: LiveServer) async throws in
            let allowed = try await server.request(.get, "/status", key: server.readonly, headers: [.origin: "https://console.example.org"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://console.example.org")
            #expect(allowed.headers[.vary] == "Origin")
            let other = try await server.request(.get, "/status", key: server.readonly, headers: [.origin: "https://evil.example"])
            #expect(other.status == .ok)
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let preflight = try await server.request(
                .options, "/captures", headers: [.origin: "https://console.example.org", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("X-API-Key") == true)
            let refused = try await server.request(
                .options, "/captures", headers: [.origin: "https://evil.example", .accessControlRequestMethod: "POST"])
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func preflightsCountAgainstTheRateLimitAndPagesCanRead429s() async throws {
        let origin = "https://console.example.org"
        try await LiveServer.with(configure: {
            $0.corsOrigins = [origin]
            $0.rateLimitPerMinute = 1
            $0.rateBurst = 2
        }) { (server: LiveServer) async throws in
            let headers: HTTPFields = [.origin: origin, .accessControlRequestMethod: "POST"]
            var answers: [TestClient.Response] = []
            for _ in 0..<3 { answers.append(try await server.request(.options, "/captures", headers: headers)) }
            #expect(answers.map(\.status) == [.noContent, .noContent, .tooManyRequests])
            // The refusal reaches the page: its origin is echoed and Retry-After is among the headers it may read.
            let refusal = answers[2]
            #expect(refusal.headers[.accessControlAllowOrigin] == origin)
            #expect(refusal.headers[.accessControlExposeHeaders]?.contains("Retry-After") == true)
            #expect(refusal.headers[.retryAfter] != nil)
        }
    }

    @Test func responsesCarrySecurityHeadersAndRequestIDs() async throws {
        try await LiveServer.with { server in
            let response = try await server.request(.get, "/health", headers: [.init("X-Request-ID")!: "trace-123"])
            #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
            #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(response.headers[.init("X-Request-ID")!] == "trace-123")
            let made = try await server.request(.get, "/nowhere")
            #expect(made.status == .notFound)
            #expect(made.headers[.contentType] == "application/problem+json")
            #expect(made.headers[.init("X-Request-ID")!]?.count == 36)
        }
    }

    @Test func tlsRoundTripWithACertificateMadeHere() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("systemzero-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Waited for without blocking a thread: the servers of other tests share this process's cooperative pool.
        let openssl = try await CommandRunner(timeout: .seconds(60), maxOutputBytes: 1 << 16).run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj",
                "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem",
            ])
        #expect(openssl.status == 0, "\(openssl.stderr)")
        try await LiveServer.with(configure: {
            $0.tlsCertificatePath = directory + "/cert.pem"
            $0.tlsKeyPath = directory + "/key.pem"
        }) { server in
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(directory + "/cert.pem"))
            let response = try await TestClient.withClient(
                host: "127.0.0.1", port: server.port, configuration: .init(tlsConfiguration: tls, serverName: "localhost")
            ) { client in try await client.get("/status", headers: [.init("X-API-Key")!: server.readonly]) }
            #expect(response.status == .ok)
            #expect(response.headers[.strictTransportSecurity] != nil)
            // Plain HTTP to the TLS port gets nowhere.
            await #expect(throws: (any Error).self) { _ = try await server.request(.get, "/health") }
        }
    }
}
