/// The core pipeline for one capture: normalize, match, detect. Pure and synchronous; the CLI and the server are
/// thin faces over it.
public struct DriftPipeline: Sendable {
    /// What the pipeline made of one capture.
    public struct Result: Sendable {
        public var tree: UITree
        public var match: TemplateMatcher.Match
        public var events: [DriftEvent]

        /// The highest severity among the events, or `nil` when there are none.
        public var highestSeverity: DriftEvent.Severity? { events.map(\.severity).max() }
    }

    public var normalizer: Normalizer
    public var matcher: TemplateMatcher
    public var detector: DriftDetector

    public init(library: TemplateLibrary, normalizer: Normalizer = Normalizer(), detector: DriftDetector = DriftDetector()) {
        self.normalizer = normalizer
        self.matcher = TemplateMatcher(library: library)
        self.detector = detector
    }

    /// Runs one capture through the pipeline and records it in `session`.
    public func process(_ capture: Capture, session: inout SessionState) -> Result {
        process(normalizer.normalize(capture), session: &session)
    }

    /// Runs one capture already normalized with ``normalizer`` (as ``CaptureImporter/importTree(_:format:file:normalizer:)``
    /// gives it) through the rest of the pipeline and records it in `session`.
    public func process(_ tree: UITree, session: inout SessionState) -> Result {
        let match = matcher.match(tree)
        let events = detector.detect(tree, match: match, session: session)
        session.record(tree, match: match)
        return Result(tree: tree, match: match, events: events)
    }
}

extension DriftPipeline.Result {
    /// The stable JSON form of one checked capture.
    public func json(file: String? = nil) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let file { members.append(("file", .string(file))) }
        members.append(contentsOf: [
            ("screen", .string(match.screen)),
            ("score", .number((match.score * 1000).rounded() / 1000)),
            (
                "runner_up",
                match.runnerUp.map { .object([("screen", .string($0.screenID)), ("score", .number(($0.score * 1000).rounded() / 1000))]) }
                    ?? .null
            ),
            ("reasons", .array(match.reasons.map(JSONValue.string))),
            ("structure_signature", .string(tree.structureSignature)),
            ("content_signature", .string(tree.contentSignature)),
            ("events", .array(events.map(\.json))),
        ])
        return .object(members)
    }
}
