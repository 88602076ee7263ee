/// A baseline screen: what a capture of it must, must not and may show.
///
/// Written as YAML, one screen a file (see `docs/TEMPLATES.md`); ``TemplateLoader`` reads it and ``TemplateBuilder``
/// writes it from captures.
public struct Template: Sendable {
    /// A demand that one option stays as visible as another: the primary option may be at most `maxRatio` times
    /// the alternative's area.
    public struct Prominence: Sendable, Hashable {
        public var primary: NodeSelector
        public var alternative: NodeSelector
        public var maxRatio: Double

        public init(primary: NodeSelector, alternative: NodeSelector, maxRatio: Double = 2.0) {
            self.primary = primary
            self.alternative = alternative
            self.maxRatio = maxRatio
        }
    }

    /// The screen's id, unique in a library.
    public var screenID: String
    /// The application it belongs to, when known.
    public var app: String?
    /// Bumped each time the template is rebuilt.
    public var version: Int
    /// Nodes a capture of this screen must have.
    public var required: [NodeSelector]
    /// Nodes a capture of this screen must not have.
    public var forbidden: [NodeSelector]
    /// Nodes whose text may change freely.
    public var masks: [NodeSelector] {
        didSet { memo = ReferenceMemo() }
    }
    /// Pairs of options whose relative prominence must hold.
    public var prominence: [Prominence]
    /// Screens this one may lead to.
    public var validTransitions: [String]
    /// `true` for a screen that interrupts (an upsell, a rating prompt): seeing it again in a session is nagging.
    public var interstitial: Bool
    /// The share of reference nodes that may be added, removed or moved before layout drift is raised.
    public var layoutTolerance: Double
    /// The normalized reference tree, with masks applied.
    public var reference: UITree? {
        didSet { memo = ReferenceMemo() }
    }
    /// The reference's structure signature.
    public var structureSignature: String?
    /// The reference's content signature with masks applied.
    public var contentSignature: String?
    /// Where the template was read from, for messages.
    public var file: String?
    /// What the drift checks derive from `reference` and `masks`, kept across captures.
    private(set) var memo = ReferenceMemo()

    /// The reference's nodes that the masks select.
    var maskedNodes: Set<Int> {
        guard let reference else { return [] }
        return memo.value(.maskedNodes) { Set(masks.flatMap { $0.select(in: reference) }) }
    }

    public init(
        screenID: String, app: String? = nil, version: Int = 1, required: [NodeSelector] = [], forbidden: [NodeSelector] = [],
        masks: [NodeSelector] = [], prominence: [Prominence] = [], validTransitions: [String] = [], interstitial: Bool = false,
        layoutTolerance: Double = 0.2, reference: UITree? = nil, structureSignature: String? = nil, contentSignature: String? = nil,
        file: String? = nil
    ) {
        self.screenID = screenID
        self.app = app
        self.version = version
        self.required = required
        self.forbidden = forbidden
        self.masks = masks
        self.prominence = prominence
        self.validTransitions = validTransitions
        self.interstitial = interstitial
        self.layoutTolerance = layoutTolerance
        self.reference = reference
        self.structureSignature = structureSignature ?? reference?.structureSignature
        self.contentSignature = contentSignature
        self.file = file
    }

    /// A catch-all template has no required nodes; it matches anything and never outranks a specific template.
    public var isCatchAll: Bool { required.isEmpty }
}
