import Foundation
import Testing

/// Slow and idle clients cannot hold connections: a real `systemzero serve` process, and real sockets on loopback
/// driven by a small asyncio program.
@Suite struct SlowClientTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs the asyncio program `script` with `arguments`; its standard output.
    static func run(_ script: String, _ arguments: [String]) throws -> String {
        let result = try CLIRunner.run(["-c", script] + arguments, executable: URL(fileURLWithPath: python ?? "python3"))
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// Opens `count` connections of each sort — a head sent a byte at a time, nothing at all, a body sent a byte at a
    /// time — and polls `/health` on fresh connections meanwhile; prints when each closed and how `/health` fared.
    static let clients = #"""
        import asyncio, json, sys, time
        port, count, limit = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
        HEAD = b'GET /health HTTP/1.1\r\nHost: t\r\nX-Slow: '
        BODY = b'POST /captures HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{'
        async def hold(first, drip):
            start = time.monotonic()
            try:
                reader, writer = await asyncio.open_connection('127.0.0.1', port)
                writer.write(first); await writer.drain()
                while time.monotonic() - start < limit:
                    if drip: writer.write(drip); await writer.drain()
                    try:
                        data = await asyncio.wait_for(reader.read(4096), 0.25)
                        if data == b'': return time.monotonic() - start
                    except asyncio.TimeoutError:
                        pass
                return None
            except (ConnectionError, OSError):
                return time.monotonic() - start
        async def health(stop):
            ok = failed = 0
            while not stop.is_set():
                try:
                    reader, writer = await asyncio.open_connection('127.0.0.1', port)
                    writer.write(b'GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'); await writer.drain()
                    line = await asyncio.wait_for(reader.readline(), 5)
                    ok, failed = (ok + 1, failed) if line.startswith(b'HTTP/1.1 200') else (ok, failed + 1)
                    writer.close()
                except Exception:
                    failed += 1
                await asyncio.sleep(0.05)
            return ok, failed
        async def main():
            stop = asyncio.Event()
            probe = asyncio.ensure_future(health(stop))
            kinds = {'head': (HEAD, b'a'), 'idle': (b'', None), 'body': (BODY, b' ')}
            tasks = {kind: [asyncio.ensure_future(hold(*how)) for _ in range(count)] for kind, how in kinds.items()}
            closed = {kind: await asyncio.gather(*group) for kind, group in tasks.items()}
            stop.set()
            ok, failed = await probe
            print(json.dumps({'closed': closed, 'health_ok': ok, 'health_failed': failed}))
        asyncio.run(main())
        """#

    @Test(.enabled(if: python != nil, "python3 is not installed: slow-client test skipped"))
    func slowHeadersIdleConnectionsAndSlowBodiesAreCutWhileHealthAnswers() throws {
        let directory = try ServeCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try ServeCommandTests.ServerProcess(
            directory: directory,
            environment: ["SYSTEMZERO_HEADER_TIMEOUT": "2", "SYSTEMZERO_BODY_TIMEOUT": "2", "SYSTEMZERO_IDLE_TIMEOUT": "2"])
        defer { _ = server.stop() }
        let report = try JSONSerialization.jsonObject(with: Data(Self.run(Self.clients, [String(server.port), "200", "15"]).utf8))
        let closed = (report as? [String: Any])?["closed"] as? [String: [Any]] ?? [:]
        for kind in ["head", "idle", "body"] {
            let times = closed[kind] ?? []
            #expect(times.count == 200)
            let seconds = times.compactMap { $0 as? Double }
            #expect(seconds.count == 200, "\(200 - seconds.count) \(kind) connections were still open after 15 s: \(times)")
            // Cut by the 2 s limit: not before it (a head or body still arriving), nor long after.
            #expect(seconds.allSatisfy { $0 >= 1.5 && $0 < 10 }, "\(kind): \(seconds.min() ?? 0)–\(seconds.max() ?? 0) s")
        }
        #expect((report as? [String: Any])?["health_failed"] as? Int == 0)
        #expect(((report as? [String: Any])?["health_ok"] as? Int ?? 0) > 10)
    }

    /// With room for 20 connections, 30 clients that each ask once and then stay connected: 20 are answered at once,
    /// the other 10 only once the first ones' idle time runs out and their connections close.
    static let capped = #"""
        import asyncio, json, sys, time
        port = int(sys.argv[1])
        async def client(start):
            reader, writer = await asyncio.open_connection('127.0.0.1', port)
            writer.write(b'GET /health HTTP/1.1\r\nHost: t\r\n\r\n'); await writer.drain()
            line = await asyncio.wait_for(reader.readline(), 20)
            answered = time.monotonic() - start
            await asyncio.sleep(10)
            return answered if line.startswith(b'HTTP/1.1 200') else -1
        async def main():
            start = time.monotonic()
            print(json.dumps(await asyncio.gather(*[client(start) for _ in range(30)])))
        asyncio.run(main())
        """#

    @Test(.enabled(if: python != nil, "python3 is not installed: connection cap test skipped"))
    func connectionsOverTheCapWaitForASlot() throws {
        let directory = try ServeCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try ServeCommandTests.ServerProcess(
            directory: directory, environment: ["SYSTEMZERO_MAX_CONNECTIONS": "20", "SYSTEMZERO_IDLE_TIMEOUT": "3"])
        defer { _ = server.stop() }
        let answered = (try JSONSerialization.jsonObject(with: Data(Self.run(Self.capped, [String(server.port)]).utf8)) as? [Double]) ?? []
        #expect(answered.count == 30)
        #expect(!answered.contains(-1), "every client is answered in the end")
        // The first 20 (Hummingbird takes one more before it stops accepting) are answered before the 3 s idle time of
        // any of them runs out; the rest only after.
        let atOnce = answered.filter { $0 < 2.5 }.count
        #expect((20...21).contains(atOnce), "\(answered.sorted())")
        #expect(answered.filter { $0 >= 2.5 }.count == 30 - atOnce, "\(answered.sorted())")
    }
}
