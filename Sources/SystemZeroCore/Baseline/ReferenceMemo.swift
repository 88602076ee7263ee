import Synchronization

/// What the drift checks derive from a template's reference and masks alone, made once and kept for every capture
/// matched to the template: the masked nodes, the reference's urgency cues, its ways out, its key information.
///
/// A ``Template`` starts a new memo whenever its reference or masks are set, so a value is never read for another
/// reference. Two threads that miss the same key at once both make the value, which is the same.
final class ReferenceMemo: Sendable {
    /// The facts kept, each made by one check.
    enum Key: Sendable, Hashable {
        case maskedNodes, urgencyKinds, waysOut, keyInformation
    }

    private let values = Mutex<[Key: any Sendable]>([:])

    /// The value kept under `key`, made by `make` the first time.
    func value<Value: Sendable>(_ key: Key, _ make: () -> Value) -> Value {
        if let kept = values.withLock({ $0[key] }) as? Value { return kept }
        let made = make()
        values.withLock { $0[key] = made }
        return made
    }
}
