import Foundation
import Synchronization

/// Request figures for `/status` and `/dashboard`: totals, errors, a latency histogram for the mean and p95, and the
/// last minute's requests per second. Constant memory, one short lock per request.
public final class RequestStatistics: Sendable {
    /// A snapshot.
    public struct Summary: Sendable, Hashable {
        public var requests: UInt64
        public var errors: UInt64
        public var requestsPerSecond: Double
        public var meanLatencyMilliseconds: Double
        public var p95LatencyMilliseconds: Double
        public var errorRate: Double { requests == 0 ? 0 : Double(errors) / Double(requests) }
    }

    struct State {
        var requests: UInt64 = 0
        var errors: UInt64 = 0
        var latencyTotal: Double = 0
        /// Bucket `i` counts latencies below `bounds[i]`.
        var buckets = [UInt64](repeating: 0, count: RequestStatistics.bounds.count + 1)
        /// Requests per second for the last 60 seconds, indexed by second modulo 60.
        var perSecond = [UInt64](repeating: 0, count: 60)
        var perSecondStamp = [Int](repeating: -1, count: 60)
    }

    /// Upper bounds of the latency buckets, in milliseconds: 0.05 ms to about 105 s, 12 % apart.
    static let bounds: [Double] = (0..<128).map { 0.05 * pow(1.12, Double($0)) }
    let started: Double
    private let state = Mutex(State())

    public init(started: Double = RateLimiter.now()) {
        self.started = started
    }

    /// Counts one answered request.
    public func record(status: Int, milliseconds: Double, now: Double = RateLimiter.now()) {
        let bucket = Self.bucket(for: milliseconds)
        let second = Int(now)
        state.withLock { state in
            state.requests += 1
            if status >= 400 { state.errors += 1 }
            state.latencyTotal += milliseconds
            state.buckets[bucket] += 1
            let slot = second % 60
            if state.perSecondStamp[slot] != second {
                state.perSecondStamp[slot] = second
                state.perSecond[slot] = 0
            }
            state.perSecond[slot] += 1
        }
    }

    /// The figures now.
    public func summary(now: Double = RateLimiter.now()) -> Summary {
        let state = self.state.withLock { $0 }
        let second = Int(now)
        // The last 60 whole seconds (or fewer, just after start).
        var recent: UInt64 = 0
        for slot in 0..<60 where state.perSecondStamp[slot] >= second - 60 && state.perSecondStamp[slot] < second {
            recent += state.perSecond[slot]
        }
        let window = max(1, min(60, now - started))
        var p95 = 0.0
        if state.requests > 0 {
            let target = UInt64((Double(state.requests) * 0.95).rounded(.up))
            var seen: UInt64 = 0
            for (index, count) in state.buckets.enumerated() {
                seen += count
                if seen >= target {
                    p95 = index < Self.bounds.count ? Self.bounds[index] : Self.bounds[Self.bounds.count - 1]
                    break
                }
            }
        }
        return Summary(
            requests: state.requests, errors: state.errors, requestsPerSecond: Double(recent) / window.rounded(.down),
            meanLatencyMilliseconds: state.requests == 0 ? 0 : state.latencyTotal / Double(state.requests), p95LatencyMilliseconds: p95)
    }

    static func bucket(for milliseconds: Double) -> Int {
        var low = 0
        var high = bounds.count
        while low < high {
            let middle = (low + high) / 2
            if milliseconds < bounds[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
