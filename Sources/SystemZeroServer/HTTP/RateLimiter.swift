import Foundation
import Synchronization

/// Token buckets by client: each holds up to `burst` tokens and refills at `perMinute` a minute; a request takes one.
public final class RateLimiter: Sendable {
    /// The outcome for one request.
    public struct Decision: Sendable {
        public var allowed: Bool
        public var limit: Int
        /// Whole tokens left after this request.
        public var remaining: Int
        /// Seconds until a token is available again (when refused) or the bucket is full (when allowed).
        public var resetSeconds: Int
    }

    struct Bucket {
        var tokens: Double
        var updated: Double
    }

    struct State {
        var perMinute: Double
        var burst: Double
        var buckets: [String: Bucket] = [:]
    }

    /// Buckets kept before idle full ones are dropped.
    static let pruneThreshold = 50_000

    private let state: Mutex<State>

    public init(perMinute: Int, burst: Int) {
        state = Mutex(State(perMinute: Double(perMinute), burst: Double(burst)))
    }

    /// Takes new limits; existing buckets keep their tokens, capped at the new burst.
    public func configure(perMinute: Int, burst: Int) {
        state.withLock {
            $0.perMinute = Double(perMinute)
            $0.burst = Double(burst)
        }
    }

    /// Takes a token from `client`'s bucket if it has one.
    public func take(_ client: String, now: Double = RateLimiter.now()) -> Decision {
        state.withLock { state in
            let rate = state.perMinute / 60
            if state.buckets.count >= Self.pruneThreshold { Self.prune(&state, now: now) }
            var bucket = state.buckets[client] ?? Bucket(tokens: state.burst, updated: now)
            bucket.tokens = min(state.burst, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            state.buckets[client] = bucket
            let reset = allowed ? (state.burst - bucket.tokens) / rate : (1 - bucket.tokens) / rate
            return Decision(
                allowed: allowed, limit: Int(state.burst), remaining: Int(bucket.tokens), resetSeconds: max(1, Int(reset.rounded(.up))))
        }
    }

    /// Drops the buckets that have refilled completely: forgetting them changes nothing.
    private static func prune(_ state: inout State, now: Double) {
        let rate = state.perMinute / 60
        state.buckets = state.buckets.filter { $0.value.tokens + (now - $0.value.updated) * rate < state.burst }
    }

    /// Monotonic seconds.
    public static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
