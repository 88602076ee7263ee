/// The built-in manipulative-pattern rules.
public enum ManipulationRules {
    /// Every built-in rule with its default thresholds, in a fixed order: demoted alternative, confirmshaming,
    /// preselection, false urgency, information hiding, nagging, obstruction, sneaking.
    public static let all: [any ManipulationRule] = [
        DemotedAlternativeRule(),
        ConfirmshamingRule(),
        PreselectionRule(),
        FalseUrgencyRule(),
        InformationHidingRule(),
        NaggingRule(),
        ObstructionRule(),
        SneakingRule(),
    ]
}
