/// Finds the template a capture shows.
///
/// 1. Candidates: the ``candidateLimit`` templates that share the most index tokens (ids, names) with the capture, an
///    equal structure signature counting as two; tokens that most templates share are skipped. Catch-alls always
///    compete.
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
        // Tokens that most templates share (a "Continue" button) do not tell screens apart: skip long posting lists.
        let maxPosting = max(64, library.templates.count / 50)
        var hits: [Int: Int] = [:]
        for token in TemplateLibrary.tokens(of: tree) {
            guard let list = library.byToken[token], list.count <= maxPosting else { continue }
            for index in list { hits[index, default: 0] += 1 }
        }
        // An equal structure signature counts as two token hits; many screens of one app can share a shape, so it
        // ranks candidates rather than admitting them all.
        for index in library.byStructure[tree.structureSignature] ?? [] where hits.count < 4 * maxPosting || hits[index] != nil {
            hits[index, default: 0] += 2
        }
        var candidates = Set(Self.top(hits, candidateLimit))
        candidates.formUnion(library.catchAlls)

        var shape = Set<UInt64>(minimumCapacity: tree.count)
        for index in tree.nodes.indices { shape.insert(tree.nodes[index].structureHash) }
        let roles = TemplateLibrary.roleCounts(tree.nodes)
        var scored: [(index: Int, score: Double, missing: [NodeSelector], structure: Double, roles: Double)] = []
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
                // |A ∩ B| by looking up the smaller set's hashes in the larger; |A ∪ B| = |A| + |B| - |A ∩ B|.
                let (small, large) = reference.count <= shape.count ? (reference, shape) : (shape, reference)
                var common = 0
                for hash in small where large.contains(hash) { common += 1 }
                let union = reference.count + shape.count - common
                structure = union == 0 ? 0 : Double(common) / Double(union)
            }
            let roleSimilarity = Self.cosine(library.roleCounts[index], roles)
            // A catch-all has no required nodes to find, so it is judged on shape alone: it matches screens like its
            // reference and leaves the rest unknown.
            let score =
                template.isCatchAll
                ? (0.25 * structure + 0.15 * roleSimilarity) / 0.4
                : 0.6 * requiredShare + 0.25 * structure + 0.15 * roleSimilarity
            scored.append((index, score, missing, structure, roleSimilarity))
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
        let required = library.templates[best.index].required.count
        let reasons = [
            "required \(required - best.missing.count)/\(required)", "structure \(String(format3: best.structure))",
            "roles \(String(format3: best.roles))",
        ]
        return Match(
            template: library.templates[best.index], score: best.score, runnerUp: runnerUp, reasons: reasons,
            missingRequired: best.missing)
    }

    /// The `count` keys with the most hits (ties by lower index), without sorting every key.
    static func top(_ hits: [Int: Int], _ count: Int) -> [Int] {
        guard hits.count > count else { return Array(hits.keys) }
        var best: [(index: Int, hits: Int)] = []
        best.reserveCapacity(count + 1)
        for (index, value) in hits {
            if best.count == count, let last = best.last, value < last.hits || (value == last.hits && index > last.index) { continue }
            let position = best.firstIndex { value > $0.hits || (value == $0.hits && index < $0.index) } ?? best.count
            best.insert((index, value), at: position)
            if best.count > count { best.removeLast() }
        }
        return best.map(\.index)
    }

    static func cosine(_ a: [Role: Int], _ b: [Role: Int]) -> Double {
        var dot = 0.0
        for (role, count) in a { dot += Double(count * (b[role] ?? 0)) }
        let normA = a.values.reduce(0.0) { $0 + Double($1 * $1) }.squareRoot()
        let normB = b.values.reduce(0.0) { $0 + Double($1 * $1) }.squareRoot()
        return normA == 0 || normB == 0 ? 0 : dot / (normA * normB)
    }
}
