import Foundation
import Synchronization
import SystemZeroLedger

/// The ledger figures the dashboard shows, counted once at start-up and then kept up to date as this process appends,
/// so `/status` and `/dashboard` cost the same however large the ledger grows.
public final class LedgerCounters: Sendable {
    /// A snapshot.
    public struct Snapshot: Sendable, Hashable {
        public var size: UInt64
        public var byKind: [String: UInt64]
        public var driftBySeverity: [String: UInt64]
        public var capturesToday: UInt64
    }

    struct State {
        var snapshot: Snapshot
        var day: String
    }

    private let state: Mutex<State>

    /// Counts what `store` holds now.
    public init(store: any LedgerStore) async throws(LedgerError) {
        let day = Self.today()
        let statistics = try await store.statistics(capturesSince: day + "T00:00:00.000Z")
        state = Mutex(
            State(
                snapshot: Snapshot(
                    size: statistics.size, byKind: statistics.byKind, driftBySeverity: statistics.driftBySeverity,
                    capturesToday: statistics.capturesSince), day: day))
    }

    /// Counts appended entries: `kinds` in order, with the severities of drift entries.
    public func appended(kinds: [String], severities: [String], lastSeq: UInt64) {
        let day = Self.today()
        state.withLock { state in
            if state.day != day {
                state.day = day
                state.snapshot.capturesToday = 0
            }
            state.snapshot.size = max(state.snapshot.size, lastSeq + 1)
            for kind in kinds {
                state.snapshot.byKind[kind, default: 0] += 1
                if kind == "capture" { state.snapshot.capturesToday += 1 }
            }
            for severity in severities { state.snapshot.driftBySeverity[severity, default: 0] += 1 }
        }
    }

    /// The ledger's size as this process last appended to it (cheaper than a snapshot).
    public var size: UInt64 { state.withLock { $0.snapshot.size } }

    /// The figures now.
    public var snapshot: Snapshot {
        let day = Self.today()
        return state.withLock { state in
            var snapshot = state.snapshot
            if state.day != day { snapshot.capturesToday = 0 }
            return snapshot
        }
    }

    /// Today's date in UTC, `YYYY-MM-DD` (read on every request to `/status` and `/dashboard`, so without Foundation's
    /// calendar).
    static func today() -> String { String(LedgerClock.now().prefix(10)) }
}
