import Hummingbird

/// The request body limit: a declared `Content-Length` over the limit is refused with 413 before the body is read,
/// and handlers collect at most ``APIRequestContext/maxUploadSize`` bytes, so a chunked body over the limit is
/// refused with 413 as well, with no more than the limit held in memory.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    let limit: LockedValue<Int>

    /// A middleware enforcing `limit` bytes, which a reload may change.
    public init(limit: LockedValue<Int>) {
        self.limit = limit
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let limit = self.limit.value
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw Problem(.contentTooLarge, detail: "The request body of \(declared) bytes is larger than the limit of \(limit) bytes.")
        }
        var context = context
        context.maxUploadSize = limit
        return try await next(request, context)
    }
}
