import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT (Ctrl-C) and SIGTERM into the cancellation of a task, so a capture loop ends cleanly: the loop
/// sees the cancellation, closes its source (killing Chromium) and returns.
public final class Interruption {
    private let sources: [any DispatchSourceSignal]

    /// Cancels `task` on SIGINT or SIGTERM until ``stop()``.
    public init<Success: Sendable, Failure: Error>(cancelling task: Task<Success, Failure>) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
    }

    /// Restores the default handling of the signals.
    public func stop() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
