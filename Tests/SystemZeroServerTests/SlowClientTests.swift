import Foundation
import SystemZeroCapture
import SystemZeroCore
import Testing

@testable import SystemZeroServer

/// Slow and idle clients cannot hold connections: real sockets on loopback, driven by a small asyncio program (so this
/// process's cooperative threads, which also run the server, never block on a socket).
@Suite struct SlowClientTests {
    static let python = CommandRunner.find("python3")

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
                    line = await asyncio.wait_for(reader.readline(), 2)
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
    func slowHeadersIdleConnectionsAndSlowBodiesAreCutWhileHealthAnswers() async throws {
        let python = try #require(Self.python)
        try await LiveServer.with(configure: {
            $0.headerTimeoutSeconds = 2
            $0.bodyTimeoutSeconds = 2
            $0.idleTimeoutSeconds = 2
        }) { server in
            let output = try await CommandRunner(timeout: .seconds(120), maxOutputBytes: 1 << 20).run(
                python, ["-c", Self.clients, String(server.port), "200", "12"])
            let report = try JSONParser().parse(output.stdout)
            for kind in ["head", "idle", "body"] {
                let times = report["closed"]?[kind]?.arrayValue ?? []
                #expect(times.count == 200)
                let open = times.filter(\.isNull).count
                #expect(open == 0, "\(open) \(kind) connections were still open after 12 s")
                // Cut by the 2 s limit, not earlier (a head or body still arriving) nor much later.
                let seconds = times.compactMap(\.numberValue)
                #expect(seconds.allSatisfy { $0 >= 1.5 && $0 < 8 }, "\(kind): \(seconds.min() ?? 0)–\(seconds.max() ?? 0) s")
            }
            #expect(report["health_failed"]?.numberValue == 0)
            #expect((report["health_ok"]?.numberValue ?? 0) > 10)
        }
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
    func connectionsOverTheCapWaitForASlot() async throws {
        let python = try #require(Self.python)
        try await LiveServer.with(configure: {
            $0.maxConnections = 20
            $0.idleTimeoutSeconds = 2
        }) { server in
            let output = try await CommandRunner(timeout: .seconds(120), maxOutputBytes: 1 << 20).run(
                python, ["-c", Self.capped, String(server.port)])
            let answered = try JSONParser().parse(output.stdout).arrayValue?.compactMap(\.numberValue) ?? []
            #expect(answered.count == 30)
            #expect(!answered.contains(-1), "every client is answered in the end")
            #expect(answered.filter { $0 < 1 }.count == 20, "\(answered.sorted())")
            #expect(answered.filter { $0 >= 1.5 }.count == 10, "\(answered.sorted())")
        }
    }
}
