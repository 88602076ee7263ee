/// Why ``APIServer/run(onRunning:)`` ended other than cleanly.
public enum ServerRunError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The listener could not be opened: the address is in use, not on this machine, or needs privileges.
    case cannotListen(address: String, reason: String)
    /// The drain period ran out with requests still running; they were cut off.
    case drainRanOut(requests: Int)

    public var description: String {
        switch self {
        case .cannotListen(let address, let reason):
            "cannot listen on \(address): \(reason)"
        case .drainRanOut(let requests):
            "the drain period ran out with \(requests) request\(requests == 1 ? "" : "s") still running; they were cut off"
        }
    }
}
