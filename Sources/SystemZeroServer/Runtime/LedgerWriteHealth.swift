import Foundation
import Synchronization
import SystemZeroLedger

/// Whether the ledger can be written, as the appends found: a full disk makes `/ready` answer 503 (so a load
/// balancer stops sending captures to a node that records none) until an append succeeds again — or, since a node
/// that is not ready may get no captures to try, until a probe finds room: at most every ``probeInterval``, `/ready`
/// writes, syncs and removes a ``probeBytes`` file in the data folder.
public final class LedgerWriteHealth: Sendable {
    /// How much room a probe asks for: more than one group commit of ordinary captures writes.
    public static let probeBytes = 1 << 20
    /// The least time between two probes.
    public static let probeInterval = Duration.seconds(5)

    struct State {
        var full: Bool
        var lastProbe: ContinuousClock.Instant?
    }

    private let state = Mutex(State(full: false, lastProbe: nil))
    let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `true` after an append failed for want of space, until space is found again.
    public var isFull: Bool { state.withLock(\.full) }

    /// Notes what an append did.
    func record(_ error: LedgerError?) {
        guard error == nil || error?.kind == .full else { return }
        state.withLock { $0.full = error != nil }
    }

    /// `true` while the disk is still full; when the last probe is ``probeInterval`` old, probes again first.
    func stillFull(now: ContinuousClock.Instant = .now) -> Bool {
        let probe = state.withLock { state -> Bool in
            guard state.full else { return false }
            if let last = state.lastProbe, now - last < Self.probeInterval { return false }
            state.lastProbe = now
            return true
        }
        guard isFull else { return false }
        if probe, Self.hasRoom(in: directory) { state.withLock { $0.full = false } }
        return isFull
    }

    /// Writes, syncs and removes a probe file of ``probeBytes``.
    static func hasRoom(in directory: String) -> Bool {
        let path = (directory as NSString).appendingPathComponent(".space-probe")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer {
            close(fd)
            unlink(path)
        }
        let chunk = [UInt8](repeating: 0, count: 64 << 10)
        var written = 0
        while written < probeBytes {
            let count = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return fsync(fd) == 0
    }
}
