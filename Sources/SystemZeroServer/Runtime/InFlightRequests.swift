import Synchronization

/// The requests being answered now: what a drain waits for, and what it cuts when its time runs out.
public final class InFlightRequests: Sendable {
    private let atomic = Atomic<Int>(0)

    public init() {}

    /// The number of requests begun and not yet answered.
    public var count: Int { atomic.load(ordering: .relaxed) }

    func begin() { atomic.add(1, ordering: .relaxed) }

    func end() { atomic.subtract(1, ordering: .relaxed) }
}
