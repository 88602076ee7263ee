import SystemZeroCore

/// Loads the screens of drift events' captures: the capture entry, then its `tree` blob, parsed once per blob and
/// kept in a small first-in, first-out cache.
final class ScreenCache {
    /// A capture's screen, or why it cannot be shown.
    enum Screen {
        case screen(ScreenModel)
        case unavailable(String)
    }

    static let limits = ImportLimits(maxBytes: 256 << 20, maxDepth: 1_000, maxNodes: 1_000_000, maxStringLength: 16 << 20)

    let store: any LedgerStore
    let capacity: Int
    private var treeOfCapture: [UInt64: String] = [:]
    private var captureOrder: [UInt64] = []
    private var screens: [String: Screen] = [:]
    private var screenOrder: [String] = []

    init(store: any LedgerStore, capacity: Int) {
        self.store = store
        self.capacity = max(1, capacity)
    }

    /// The screen of the capture entry `seq`.
    func screen(forCapture seq: UInt64) async throws(LedgerError) -> Screen {
        let hash: String
        if let known = treeOfCapture[seq] {
            hash = known
        } else {
            guard let entry = try await store.entry(seq) else { return .unavailable("Capture entry \(seq) is not in the ledger.") }
            let value = entry.json
            guard value["kind"]?.stringValue == "capture" else { return .unavailable("Entry \(seq) is not a capture.") }
            guard let named = value["tree"]?.stringValue else { return .unavailable("Capture entry \(seq) names no tree.") }
            hash = named
            remember(seq, hash)
        }
        if let cached = screens[hash] { return cached }
        let screen = try await load(hash)
        screens[hash] = screen
        screenOrder.append(hash)
        if screenOrder.count > capacity { screens[screenOrder.removeFirst()] = nil }
        return screen
    }

    private func remember(_ seq: UInt64, _ hash: String) {
        treeOfCapture[seq] = hash
        captureOrder.append(seq)
        if captureOrder.count > capacity * 16 { treeOfCapture[captureOrder.removeFirst()] = nil }
    }

    private func load(_ hash: String) async throws(LedgerError) -> Screen {
        guard let bytes = try await store.blob(hash) else { return .unavailable("The tree blob \(hash) is not in the ledger.") }
        guard LedgerBlob(data: bytes).hash == hash.lowercased() else {
            return .unavailable("The tree blob \(hash) does not match its SHA-256: it was altered.")
        }
        do {
            return .screen(ScreenModel(capture: try NativeCaptureCodec(limits: Self.limits).decode(bytes)))
        } catch {
            return .unavailable("The stored tree cannot be read: \(error)")
        }
    }
}
