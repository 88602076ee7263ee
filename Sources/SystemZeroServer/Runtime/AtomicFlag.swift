import Synchronization

/// A flag read on every request and set rarely (draining, say): an atomic load, no lock.
public final class AtomicFlag: Sendable {
    private let atomic: Atomic<Bool>

    public init(_ value: Bool = false) {
        atomic = Atomic(value)
    }

    /// The flag now.
    public var value: Bool { atomic.load(ordering: .acquiring) }

    /// Sets or clears the flag.
    public func set(_ value: Bool) { atomic.store(value, ordering: .releasing) }
}
