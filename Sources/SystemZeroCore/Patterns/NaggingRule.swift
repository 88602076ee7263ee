/// Detects an interrupting screen (an upsell, a rating prompt, a "turn on notifications" sheet) that comes back within
/// one session after the user has already seen it.
///
/// This is *Nagging* in Gray et al. 2018 ("The Dark (Patterns) Side of UX Design"), *Nagging* in UIGuard (Chen et al.
/// 2023, "Towards Automated Detection of UI Dark Patterns"), and the repeated prompts Mathur et al. 2019 ("Dark
/// Patterns at Scale") describe under *Obstruction* and *Forced Action*.
///
/// It raises when the matched template is marked `interstitial` and the session's history already holds this screen id
/// at least ``minimumEarlierShows`` times (1: the second showing is nagging). The evidence is the screen's root, and
/// says how many times it was shown before. Warning.
public struct NaggingRule: ManipulationRule {
    public var id: String { "nagging" }
    /// How many earlier showings in the session make the current one nagging.
    public var minimumEarlierShows: Int

    public init(minimumEarlierShows: Int = 1) {
        self.minimumEarlierShows = minimumEarlierShows
    }

    public func evaluate(_ context: RuleContext) -> [DriftEvent] {
        guard let template = context.template, template.interstitial, context.tree.count > 0 else { return [] }
        let earlier = context.history.filter { $0 == template.screenID }.count
        guard earlier >= max(1, minimumEarlierShows) else { return [] }
        let times = earlier == 1 ? "once" : "\(earlier) times"
        return [
            ManipulationSupport.event(
                id, .warning, context,
                message: "The interstitial screen \(ManipulationSupport.quoted(template.screenID)) came back after being shown \(times) "
                    + "earlier in this session.",
                evidence: [
                    DriftEvent.Evidence(
                        path: context.tree.path(of: 0), text: template.screenID, before: "shown \(times) before",
                        after: "shown again (\(earlier + 1) in all)")
                ])
        ]
    }
}
