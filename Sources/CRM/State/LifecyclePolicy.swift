import EventSourcing

/// The lifecycle policy as currently configured (stream `config-lifecycle`): ordered stages, automatic
/// promotions and whether a stage may move back.
public struct LifecyclePolicy: Sendable, Hashable {
    /// The latest definition, `nil` when no policy is defined (no automatic promotions then).
    public private(set) var definition: LifecyclePolicyDefined?
    /// The stream's version.
    public private(set) var version: UInt64 = 0

    /// No policy.
    public init() {}

    /// Folds a definition.
    mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if event.type == LifecyclePolicyDefined.eventType { definition = try event.decode(LifecyclePolicyDefined.self) }
    }

    /// The stage's position in the policy's order, if it is one of its stages.
    public func rank(of stage: String) -> Int? { definition?.stages.firstIndex(of: stage) }

    /// The promotion `trigger` leads to from `current`: the target of the first rule for the trigger, when it is
    /// further along than `current`.
    public func promotion(on trigger: LifecycleTrigger, from current: String) -> LifecycleRule? {
        guard let definition else { return nil }
        let currentRank = rank(of: current) ?? -1
        return definition.rules.first { rule in
            rule.onEvent == trigger && (rank(of: rule.toStage) ?? -1) > currentRank
        }
    }

    /// The recommended default: subscriber → lead → prospect → opportunity → customer → loyal (HubSpot's order
    /// and document 001's), new customers start as prospects, the first open opportunity promotes to
    /// `opportunity`, the first won deal to `customer`, moves back need a reason, plus `churned` for lost
    /// customers.
    public static func standardDefinition(version: Int = 1) -> LifecyclePolicyDefined {
        LifecyclePolicyDefined(
            policyId: "standard", version: version,
            stages: ["subscriber", "lead", "prospect", "opportunity", "customer", "loyal", "churned"],
            initialStage: "prospect", backwardMoves: .withReason,
            rules: [
                LifecycleRule(ruleId: "first-open-opportunity", onEvent: .opportunityOpened, toStage: "opportunity"),
                LifecycleRule(ruleId: "first-won-deal", onEvent: .opportunityWon, toStage: "customer"),
            ])
    }
}
