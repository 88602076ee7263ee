import SystemZeroCore

/// Reads a ``ScreenSource`` every interval and hands on each capture whose content differs from the one before.
///
/// The content signature of the normalized tree decides: a page that only moves a pixel or rebuilds an identical
/// tree is the same screen. The loop ends after `limit` readings, or when its task is cancelled (Ctrl-C in the CLI).
public struct ScreenWatcher: Sendable {
    public var source: any ScreenSource
    public var interval: Duration
    /// The number of readings after which the loop ends; `nil` for no limit.
    public var limit: Int?
    public var normalizer: Normalizer

    public init(source: any ScreenSource, interval: Duration, limit: Int? = nil, normalizer: Normalizer = Normalizer()) {
        self.source = source
        self.interval = interval
        self.limit = limit
        self.normalizer = normalizer
    }

    /// Runs until the limit or cancellation; `handle` gets each changed capture with its normalized tree.
    /// - Returns: the number of captures handed on.
    @discardableResult
    public func run(_ handle: (Capture, UITree) async throws -> Void) async throws -> Int {
        var previous: String?
        var changed = 0
        var readings = 0
        while !Task.isCancelled {
            let capture = try await source.capture()
            readings += 1
            let tree = normalizer.normalize(capture)
            if tree.contentSignature != previous {
                previous = tree.contentSignature
                changed += 1
                try await handle(capture, tree)
            }
            if let limit, readings >= limit { break }
            try? await Task.sleep(for: interval)
        }
        return changed
    }
}
