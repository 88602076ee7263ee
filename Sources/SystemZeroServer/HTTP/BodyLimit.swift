import Hummingbird

/// The request body limit: a declared `Content-Length` over the limit is refused with 413 before the body is read,
/// and handlers collect at most ``APIRequestContext/maxUploadSize`` bytes, so a chunked body over the limit is
/// refused with 413 as well, with no more than the limit held in memory.
public struct BodyLimit: Sendable {
    let limit: LockedValue<Int>

    /// A limit of `limit` bytes, which a reload may change.
    public init(limit: LockedValue<Int>) {
        self.limit = limit
    }

    /// Refuses a declared length over the limit, and tells the handlers the limit.
    public func admit(_ request: Request, context: inout APIRequestContext) throws(Problem) {
        let limit = self.limit.value
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw Problem(.contentTooLarge, detail: "The request body of \(declared) bytes is larger than the limit of \(limit) bytes.")
        }
        context.maxUploadSize = limit
    }
}
