/// One departure of a capture from its baseline, with the evidence for it.
public struct DriftEvent: Sendable, Hashable {
    /// The family of drift.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The shape of the screen changed beyond the template's tolerance.
        case layout
        /// Text outside the template's masks changed, or a required node is missing, or a forbidden one is present.
        case content
        /// A screen transition the baseline does not allow, or a loop.
        case sequence
        /// A manipulative (dark) pattern.
        case manipulative
    }

    /// How much it matters.
    public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
        case info, warning, critical

        var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .critical: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// One piece of evidence: a node and what it showed.
    public struct Evidence: Sendable, Hashable {
        /// The node's path in the capture (or in the reference, for something that is gone).
        public var path: String
        /// The text that matters (a label, an amount, a timer).
        public var text: String?
        /// What it was in the baseline or the previous screen, when that is the point.
        public var before: String?
        /// What it is now.
        public var after: String?

        public init(path: String, text: String? = nil, before: String? = nil, after: String? = nil) {
            self.path = path
            self.text = text
            self.before = before
            self.after = after
        }
    }

    public var kind: Kind
    public var severity: Severity
    /// The rule that raised it, such as `required_missing` or `preselection`.
    public var rule: String
    /// The matched screen's id (`unknown` for an unknown screen).
    public var screen: String
    /// The session, when the capture had one.
    public var session: String?
    /// One sentence a person can read.
    public var message: String
    public var evidence: [Evidence]

    public init(
        kind: Kind, severity: Severity, rule: String, screen: String, session: String? = nil, message: String, evidence: [Evidence] = []
    ) {
        self.kind = kind
        self.severity = severity
        self.rule = rule
        self.screen = screen
        self.session = session
        self.message = message
        self.evidence = evidence
    }
}

extension DriftEvent {
    /// The stable JSON form: `{"kind", "severity", "rule", "screen", "session", "message", "evidence": [{"path", "text",
    /// "before", "after"}]}` with absent values as `null`.
    public var json: JSONValue {
        .object([
            ("kind", .string(kind.rawValue)),
            ("severity", .string(severity.rawValue)),
            ("rule", .string(rule)),
            ("screen", .string(screen)),
            ("session", .optional(session)),
            ("message", .string(message)),
            (
                "evidence",
                .array(
                    evidence.map {
                        .object([
                            ("path", .string($0.path)), ("text", .optional($0.text)), ("before", .optional($0.before)),
                            ("after", .optional($0.after)),
                        ])
                    })
            ),
        ])
    }
}
