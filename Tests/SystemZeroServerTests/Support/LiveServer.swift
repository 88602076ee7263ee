import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SystemZeroCore

@testable import SystemZeroServer

/// A real server on a free loopback port, over a temporary folder holding its data, logs, config and a copy of the
/// bundled templates; with one key per role. Each test starts its own.
struct LiveServer: Sendable {
    let directory: String
    let port: Int
    let server: APIServer
    let task: Task<Void, any Error>
    /// Plaintext keys by role.
    let keys: [APIRole: String]
    /// What a reload reads: change it, then reload.
    let settingsSource: LockedValue<ServerSettings>

    var state: ServerState { server.state }
    var admin: String { keys[.admin]! }
    var operatorKey: String { keys[.operator]! }
    var readonly: String { keys[.readonly]! }

    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func start(
        drainNotice: Duration = .zero, configure: (inout ServerSettings) -> Void = { _ in }
    ) async throws -> LiveServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("systemzero-server-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: packageRoot + "/templates", toPath: directory + "/templates")
        var settings = ServerSettings()
        settings.host = "127.0.0.1"
        settings.port = 0
        settings.dataDirectory = directory + "/data"
        settings.logDirectory = directory + "/logs"
        settings.configDirectory = directory + "/config"
        settings.templateDirectory = directory + "/templates"
        settings.rateLimitPerMinute = 1_000_000
        settings.rateBurst = 1_000_000
        configure(&settings)
        let keyStore = try APIKeyStore(path: settings.configDirectory + "/api_keys.yaml")
        var keys: [APIRole: String] = [:]
        for role in APIRole.allCases {
            keys[role] = try keyStore.create(name: "test-\(role.rawValue)", role: role, lifetime: nil).key.plaintext
        }
        let source = LockedValue(settings)
        let server = try await APIServer(settings: settings, loadSettings: { source.value }, drainNotice: drainNotice)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return LiveServer(directory: directory, port: port, server: server, task: task, keys: keys, settingsSource: source)
    }

    /// Runs `body` against a fresh server and stops it afterwards.
    static func with<Result>(
        drainNotice: Duration = .zero, configure: (inout ServerSettings) -> Void = { _ in }, _ body: (LiveServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(drainNotice: drainNotice, configure: configure)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    func stop() async {
        await server.shutdown()
        _ = try? await task.value
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// One request on a new connection.
    func request(
        _ method: HTTPRequest.Method, _ path: String, key: String? = nil, headers: HTTPFields = [:], body: [UInt8]? = nil
    ) async throws -> TestClient.Response {
        var headers = headers
        if let key { headers[.init("X-API-Key")!] = key }
        let request = TestClient.Request(path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        // A long read timeout: under a loaded test run one session's captures queue behind each other's disk syncs.
        return try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(120))) { client in
            try await client.execute(request)
        }
    }

    /// Posts a capture file of the bundled samples.
    func postSample(_ sample: String, key: String? = nil, query: String = "") async throws -> TestClient.Response {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: LiveServer.packageRoot + "/samples/" + sample)))
        return try await request(
            .post, "/captures" + query, key: key ?? operatorKey, headers: [.contentType: "application/json"], body: bytes)
    }
}

extension TestClient.Response {
    /// The body parsed as JSON (`null` when there is none or it is not JSON).
    var json: JSONValue {
        guard let body else { return .null }
        return (try? JSONParser().parse(Array(buffer: body))) ?? .null
    }

    var text: String { body.map { String(buffer: $0) } ?? "" }
}
