/// Runs the work of one session strictly one after another, in arrival order, while different sessions run in
/// parallel: a capture's drift check and its ledger append happen together before the session's next capture starts,
/// so the ledger's order of a session's captures is the order they were checked in.
actor SessionSequencer {
    /// The last work queued per session; removed once it is done and nothing came after it.
    private var tails: [String: Task<Void, Never>] = [:]

    func run<Value: Sendable>(_ session: String, _ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let previous = tails[session]
        let task = Task {
            await previous?.value
            return try await work()
        }
        let tail = Task { _ = try? await task.value }
        tails[session] = tail
        defer { if tails[session] == tail { tails[session] = nil } }
        return try await task.value
    }
}
