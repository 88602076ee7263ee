/// Finds the template a capture shows.
///
/// 1. Candidates: templates whose reference has the capture's exact structure signature, and the templates that
///    share the most index tokens (ids, names) with the capture — at most ``candidateLimit``.
/// 2. Score, from 0 to 1: 0.6 × the share of required selectors present + 0.25 × structure similarity (the Jaccard
///    index of the reference's and the capture's subtree structure hashes; 1 for an equal signature) + 0.15 × the
///    cosine similarity of their role counts. A catch-all, having no required nodes, is scored on the last two alone
///    (rescaled to 0…1), so it covers screens shaped like its reference and not every screen.
/// 3. The best specific template at or above ``threshold`` wins; a catch-all template (no required nodes) is chosen
///    only when no specific one reaches the threshold, so it never outranks one. Below the threshold the capture
///    is an unknown screen.
public struct TemplateMatcher: Sendable {
    /// What the matcher decided, and why.
    public struct Match: Sendable {
        /// The winning template, or `nil` for an unknown screen.
        public var template: Template?
        public var score: Double
        /// The second-best candidate and its score.
        public var runnerUp: (screenID: String, score: Double)?
        /// Why, in a few words each.
        public var reasons: [String]
        /// The required selectors of the winner that found nothing.
        public var missingRequired: [NodeSelector]

        /// The screen id, or `unknown`.
        public var screen: String { template?.screenID ?? "unknown" }
    }

    public let library: TemplateLibrary
    public var threshold: Double
    public var candidateLimit: Int

    public init(library: TemplateLibrary, threshold: Double = 0.55, candidateLimit: Int = 24) {
        self.library = library
        self.threshold = threshold
        self.candidateLimit = candidateLimit
    }

    public func match(_ tree: UITree) -> Match {
        var candidates = Set(library.byStructure[tree.structureSignature] ?? [])
        var hits: [Int: Int] = [:]
        for token in TemplateLibrary.tokens(of: tree) {
            for index in library.byToken[token] ?? [] { hits[index, default: 0] += 1 }
        }
        let ranked = hits.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        for (index, _) in ranked.prefix(candidateLimit) { candidates.insert(index) }
        let catchAlls = library.templates.indices.filter { library.templates[$0].isCatchAll }
        candidates.formUnion(catchAlls)

        let shape = Set(tree.nodes.map(\.structureHash))
        let roles = TemplateLibrary.roleCounts(tree.nodes)
        var scored: [(index: Int, score: Double, missing: [NodeSelector], reasons: [String])] = []
        for index in candidates.sorted() {
            let template = library.templates[index]
            let missing = template.required.filter { $0.first(in: tree) == nil }
            let requiredShare =
                template.required.isEmpty ? 1 : Double(template.required.count - missing.count) / Double(template.required.count)
            let structure: Double
            if template.structureSignature == tree.structureSignature {
                structure = 1
            } else {
                let reference = library.referenceShapes[index]
                let union = reference.union(shape).count
                structure = union == 0 ? 0 : Double(reference.intersection(shape).count) / Double(union)
            }
            let roleSimilarity = Self.cosine(library.roleCounts[index], roles)
            // A catch-all has no required nodes to find, so it is judged on shape alone: it matches screens like its
            // reference and leaves the rest unknown.
            let score =
                template.isCatchAll
                ? (0.25 * structure + 0.15 * roleSimilarity) / 0.4
                : 0.6 * requiredShare + 0.25 * structure + 0.15 * roleSimilarity
            let reasons = [
                "required \(template.required.count - missing.count)/\(template.required.count)",
                "structure \(String(format3: structure))",
                "roles \(String(format3: roleSimilarity))",
            ]
            scored.append((index, score, missing, reasons))
        }
        scored.sort { lhs, rhs in
            let lhsSpecific = !library.templates[lhs.index].isCatchAll
            let rhsSpecific = !library.templates[rhs.index].isCatchAll
            let lhsQualifies = lhsSpecific && lhs.score >= threshold
            let rhsQualifies = rhsSpecific && rhs.score >= threshold
            if lhsQualifies != rhsQualifies { return lhsQualifies }
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            return library.templates[lhs.index].screenID < library.templates[rhs.index].screenID
        }
        let runnerUp = scored.count > 1 ? (library.templates[scored[1].index].screenID, scored[1].score) : nil
        guard let best = scored.first, best.score >= threshold else {
            return Match(
                template: nil, score: scored.first?.score ?? 0,
                runnerUp: scored.first.map { (library.templates[$0.index].screenID, $0.score) },
                reasons: ["no template reaches the threshold \(String(format3: threshold))"], missingRequired: [])
        }
        return Match(
            template: library.templates[best.index], score: best.score, runnerUp: runnerUp, reasons: best.reasons,
            missingRequired: best.missing)
    }

    static func cosine(_ a: [Role: Int], _ b: [Role: Int]) -> Double {
        var dot = 0.0
        for (role, count) in a { dot += Double(count * (b[role] ?? 0)) }
        let normA = a.values.reduce(0.0) { $0 + Double($1 * $1) }.squareRoot()
        let normB = b.values.reduce(0.0) { $0 + Double($1 * $1) }.squareRoot()
        return normA == 0 || normB == 0 ? 0 : dot / (normA * normB)
    }
}
