import Hummingbird

/// Recently made pages of ledger listings (`/logs`, `/captures`), by their exact URI and the ledger size they were
/// made at. The ledger only grows, so a page made at the current size is the page the query would make again: a
/// dashboard polling the same listing costs a lookup until something is appended.
final class PageCache: Sendable {
    struct Page {
        var size: UInt64
        var body: ByteBuffer
    }

    static let capacity = 256
    private let pages = LockedValue<[String: Page]>([:])

    /// The JSON answer to `request` at ledger size `size`: the page kept for its exact URI, or the one `make` writes,
    /// which is then kept.
    func response(to request: Request, size: UInt64, make: () async throws -> [UInt8]) async throws -> Response {
        let uri = request.uri.description
        if let kept = page(uri, size: size) { return Response.json(body: kept) }
        let made = ByteBuffer(bytes: try await make())
        store(uri, size: size, body: made)
        return Response.json(body: made)
    }

    /// The page for `uri` if it was made at ledger size `size`.
    private func page(_ uri: String, size: UInt64) -> ByteBuffer? {
        pages.withLock { pages in pages[uri].flatMap { $0.size == size ? $0.body : nil } }
    }

    /// Keeps a page; when full, starts over (pages are cheap to make again, and old sizes are useless anyway).
    private func store(_ uri: String, size: UInt64, body: ByteBuffer) {
        pages.withLock { pages in
            if pages.count >= Self.capacity { pages.removeAll(keepingCapacity: true) }
            pages[uri] = Page(size: size, body: body)
        }
    }
}
