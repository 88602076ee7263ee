/// What a key may do. Each role includes the ones below it.
public enum APIRole: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Reads: captures, templates, logs, the ledger, status.
    case readonly
    /// Plus posting captures and templates.
    case `operator`
    /// Plus keys and configuration.
    case admin

    var rank: Int {
        switch self {
        case .readonly: 0
        case .operator: 1
        case .admin: 2
        }
    }

    public static func < (lhs: APIRole, rhs: APIRole) -> Bool { lhs.rank < rhs.rank }
}
