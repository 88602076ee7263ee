import SystemZeroCore

/// The state of every live session, so that a capture's sequence checks see the screens before it.
///
/// Captures of one session are processed one at a time (their order matters); different sessions run in parallel,
/// spread over stripes that each have their own lock. Each stripe keeps its most recently used sessions only.
public final class SessionRegistry: Sendable {
    struct Entry {
        var state: SessionState
        var lastUsed: UInt64
    }

    struct Stripe {
        var sessions: [String: Entry] = [:]
        var clock: UInt64 = 0
    }

    static let stripeCount = 16
    /// Sessions kept per stripe before the least recently used is forgotten.
    let capacityPerStripe: Int
    private let stripes: [LockedValue<Stripe>]

    public init(capacity: Int = 16_384) {
        capacityPerStripe = max(1, capacity / Self.stripeCount)
        stripes = (0..<Self.stripeCount).map { _ in LockedValue(Stripe()) }
    }

    /// Runs `body` with the state of `session` (a fresh state when there is no session id).
    public func withSession<Result: Sendable>(_ session: String?, _ body: (inout SessionState) -> Result) -> Result {
        guard let session else {
            var state = SessionState()
            return body(&state)
        }
        var hasher = Hasher()
        hasher.combine(session)
        let stripe = stripes[Int(UInt(bitPattern: hasher.finalize()) % UInt(Self.stripeCount))]
        return stripe.withLock { stripe in
            stripe.clock += 1
            var entry = stripe.sessions.removeValue(forKey: session) ?? Entry(state: SessionState(id: session), lastUsed: 0)
            entry.lastUsed = stripe.clock
            let result = body(&entry.state)
            if stripe.sessions.count >= capacityPerStripe, let oldest = stripe.sessions.min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
                stripe.sessions.removeValue(forKey: oldest.key)
            }
            stripe.sessions[session] = entry
            return result
        }
    }
}
