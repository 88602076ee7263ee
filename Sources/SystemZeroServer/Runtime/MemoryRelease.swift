#if canImport(Glibc)
import Glibc
#endif

/// Gives memory back to the system after a request with a large body. glibc keeps what a request freed for later
/// allocations, so one 60 MB capture (its body, its copy, its tree) would leave the process hundreds of megabytes
/// larger for good; `malloc_trim` returns the free pages. It takes a few milliseconds, so only large bodies pay for it.
enum MemoryRelease {
    /// Bodies from this size on are followed by a trim.
    static let threshold = 4 << 20

    #if canImport(Glibc)
    /// glibc's `malloc_trim`, looked up once (its header is not part of Swift's Glibc module); `nil` on other C libraries.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    /// Runs `work` (which reads a body of `bodyBytes`), then trims when the body was large, whether `work` answered
    /// or threw: by then what it built from the body is gone.
    static func afterBody<Result>(of bodyBytes: Int, _ work: () async throws -> Result) async rethrows -> Result {
        defer { afterBody(of: bodyBytes) }
        return try await work()
    }

    /// Trims when `bodyBytes` reached ``threshold``.
    static func afterBody(of bodyBytes: Int) {
        guard bodyBytes >= threshold else { return }
        #if canImport(Glibc)
        _ = mallocTrim?(0)
        #endif
    }
}
