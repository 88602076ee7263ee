import HTTPTypes
import Hummingbird

/// Applies the rate limits: one bucket per client address for every request, and one per key for requests with a
/// valid key. Presenting a different (or bogus) key each time therefore never escapes the address's limit. Refusals
/// are 429 with `Retry-After`; every limited response carries `RateLimit-Limit`, `RateLimit-Remaining` and
/// `RateLimit-Reset`. The probes (`/health`, `/ready`) never reach it (see ``APIServer/makeRouter()``).
public struct RequestRateLimit: Sendable {
    let limiter: RateLimiter
    static let limitHeader = HTTPField.Name("RateLimit-Limit")!
    static let remainingHeader = HTTPField.Name("RateLimit-Remaining")!
    static let resetHeader = HTTPField.Name("RateLimit-Reset")!

    public init(limiter: RateLimiter) {
        self.limiter = limiter
    }

    /// Takes a token for the request; returns the headers its response carries, or throws 429.
    public func admit(_ context: APIRequestContext) throws(Problem) -> HTTPFields {
        var decision = limiter.take("ip:" + context.clientAddress)
        if decision.allowed, let identity = context.identity {
            let perKey = limiter.take("key:" + identity.keyID)
            if !perKey.allowed || perKey.remaining < decision.remaining { decision = perKey }
        }
        let headers: HTTPFields = [
            Self.limitHeader: String(decision.limit), Self.remainingHeader: String(decision.remaining),
            Self.resetHeader: String(decision.resetSeconds),
        ]
        guard decision.allowed else {
            var refusal = headers
            refusal[.retryAfter] = String(decision.resetSeconds)
            throw Problem(.tooManyRequests, detail: "Too many requests: try again in \(decision.resetSeconds) s.", headers: refusal)
        }
        return headers
    }
}
