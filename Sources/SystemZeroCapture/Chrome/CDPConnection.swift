import Foundation
import Logging
import NIOCore
import SystemZeroCore
import WSClient

/// One Chrome DevTools protocol connection over a WebSocket: numbered commands with their answers, and events.
///
/// Commands to a page go through the browser connection with the `sessionId` of a flattened target session
/// (`Target.attachToTarget` with `flatten: true`). Every message is bounded by `maxMessageBytes`, every command by
/// `commandTimeout`.
public actor CDPConnection {
    /// A DevTools event such as `Page.lifecycleEvent`.
    public struct Event: Sendable {
        public var method: String
        public var sessionID: String?
        public var params: JSONValue
    }

    private let maxMessageBytes: Int
    private let commandTimeout: Duration
    private var outbound: WebSocketOutboundWriter?
    private var openWaiter: CheckedContinuation<Void, any Error>?
    private var pending: [Int: CheckedContinuation<JSONValue, any Error>] = [:]
    private var methods: [Int: String] = [:]
    private var timers: [Int: Task<Void, Never>] = [:]
    private var subscribers: [UUID: AsyncStream<Event>.Continuation] = [:]
    private var nextID = 0
    private var closure: CaptureError?
    private var runner: Task<Void, Never>?

    private init(maxMessageBytes: Int, commandTimeout: Duration) {
        self.maxMessageBytes = maxMessageBytes
        self.commandTimeout = commandTimeout
    }

    /// Opens a connection to a DevTools WebSocket URL such as `ws://127.0.0.1:9222/devtools/browser/…`.
    public static func connect(url: String, maxMessageBytes: Int, commandTimeout: Duration) async throws(CaptureError) -> CDPConnection {
        let connection = CDPConnection(maxMessageBytes: maxMessageBytes, commandTimeout: commandTimeout)
        do {
            try await connection.open(url: url)
        } catch let error as CaptureError {
            throw error
        } catch {
            throw .endpoint("\(url): \(error)")
        }
        return connection
    }

    private func open(url: String) async throws {
        let configuration = WebSocketClientConfiguration(maxFrameSize: maxMessageBytes, closeTimeout: .seconds(2))
        let limit = maxMessageBytes
        var logger = Logger(label: "systemzero.cdp")
        logger.logLevel = .critical
        let timeout = commandTimeout
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            openWaiter = continuation
            runner = Task { [logger] in
                do {
                    try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                        await self.opened(outbound)
                        for try await message in inbound.messages(maxSize: limit) {
                            await self.receive(message)
                        }
                    }
                    self.closed(.connectionClosed("the browser closed it"))
                } catch let error as WebSocketClientError where error == .serverSentMessageTooLarge {
                    self.closed(.messageTooLarge(limit: limit))
                } catch {
                    self.closed(.connectionClosed("\(error)"))
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                self.openTimedOut(seconds: timeout.seconds)
            }
        }
    }

    private func opened(_ writer: WebSocketOutboundWriter) {
        outbound = writer
        openWaiter?.resume()
        openWaiter = nil
    }

    private func openTimedOut(seconds: Double) {
        openWaiter?.resume(throwing: CaptureError.commandTimedOut(method: "the WebSocket handshake", seconds: seconds))
        openWaiter = nil
    }

    private func closed(_ reason: CaptureError) {
        if closure == nil { closure = reason }
        outbound = nil
        openWaiter?.resume(throwing: reason)
        openWaiter = nil
        for (id, waiter) in pending {
            waiter.resume(throwing: reason)
            timers[id]?.cancel()
        }
        pending = [:]
        timers = [:]
        for subscriber in subscribers.values { subscriber.finish() }
        subscribers = [:]
    }

    private func receive(_ message: WebSocketMessage) {
        let bytes: [UInt8]
        switch message {
        case .text(let text): bytes = Array(text.utf8)
        case .binary(let buffer): bytes = Array(buffer.readableBytesView)
        }
        let limits = ImportLimits(maxBytes: maxMessageBytes, maxDepth: 512, maxNodes: .max, maxStringLength: maxMessageBytes)
        guard let document = try? JSONParser(limits: limits).parse(bytes) else { return }
        if let id = document["id"]?.integerValue(as: Int.self) {
            guard let waiter = pending.removeValue(forKey: id) else { return }
            timers.removeValue(forKey: id)?.cancel()
            let method = methods.removeValue(forKey: id) ?? "?"
            if let error = document["error"] {
                let text = error["message"]?.stringValue ?? "unknown error"
                let data = error["data"]?.stringValue.map { " (\($0))" } ?? ""
                waiter.resume(throwing: CaptureError.protocolError(method: method, message: text + data))
            } else {
                waiter.resume(returning: document["result"] ?? .object([]))
            }
        } else if let method = document["method"]?.stringValue {
            let event = Event(method: method, sessionID: document["sessionId"]?.stringValue, params: document["params"] ?? .object([]))
            for subscriber in subscribers.values { subscriber.yield(event) }
        }
    }

    /// Sends a command and waits for its result.
    /// - Parameters:
    ///   - sessionID: the target session for page commands; `nil` for browser commands.
    ///   - timeout: overrides the connection's command timeout.
    @discardableResult
    public func send(
        _ method: String, _ params: JSONValue = .object([]), sessionID: String? = nil, timeout: Duration? = nil
    ) async throws(CaptureError) -> JSONValue {
        if let closure { throw closure }
        guard let outbound else { throw .connectionClosed("not open") }
        nextID += 1
        let id = nextID
        var members: [(key: String, value: JSONValue)] = [("id", .number(Double(id))), ("method", .string(method)), ("params", params)]
        if let sessionID { members.append(("sessionId", .string(sessionID))) }
        let text = JSONWriter(style: .compact).string(.object(members))
        let limit = timeout ?? commandTimeout
        do {
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONValue, any Error>) in
                pending[id] = continuation
                methods[id] = method
                timers[id] = Task {
                    try? await Task.sleep(for: limit)
                    guard !Task.isCancelled else { return }
                    self.timeOut(id, method: method, seconds: limit.seconds)
                }
                Task {
                    do {
                        try await outbound.writeTextMessage(text)
                    } catch {
                        self.failed(id, error: .connectionClosed("cannot send \(method): \(error)"))
                    }
                }
            }
        } catch let error as CaptureError {
            throw error
        } catch {
            throw .connectionClosed("\(error)")
        }
    }

    private func timeOut(_ id: Int, method: String, seconds: Double) {
        failed(id, error: .commandTimedOut(method: method, seconds: seconds))
    }

    private func failed(_ id: Int, error: CaptureError) {
        guard let waiter = pending.removeValue(forKey: id) else { return }
        methods[id] = nil
        timers.removeValue(forKey: id)?.cancel()
        waiter.resume(throwing: error)
    }

    /// The events that arrive from now on, until the connection closes or the stream is dropped.
    public func events() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        if closure != nil {
            continuation.finish()
            return stream
        }
        let key = UUID()
        subscribers[key] = continuation
        continuation.onTermination = { _ in
            Task { await self.unsubscribe(key) }
        }
        return stream
    }

    private func unsubscribe(_ key: UUID) {
        subscribers[key] = nil
    }

    /// Why the connection closed, or `nil` while it is open.
    public var closeReason: CaptureError? { closure }

    /// Closes the connection and waits (briefly) for it to end.
    public func close() async {
        if let outbound {
            try? await outbound.close(.normalClosure, reason: nil)
        }
        closed(.connectionClosed("closed by System//Zero"))
        runner?.cancel()
    }
}
