import Synchronization

/// A value shared between requests and changed by reloads.
public final class LockedValue<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) {
        mutex = Mutex(value)
    }

    /// The value now.
    public var value: Value { mutex.withLock { $0 } }

    /// Replaces the value.
    public func set(_ value: Value) { mutex.withLock { $0 = value } }

    /// Runs `body` with exclusive access.
    public func withLock<Result>(_ body: (inout sending Value) throws -> sending Result) rethrows -> sending Result {
        try mutex.withLock(body)
    }
}
