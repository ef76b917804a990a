public import EventSourcing

extension CRMStore {
    /// The stage a new customer starts in when no lifecycle policy is defined.
    public static let defaultInitialLifecycleStage = "prospect"

    /// The automatic promotion `trigger` earns `customer` under `policy`: a ``LifecycleStageChanged`` caused by
    /// (and naming) the triggering event, or `nil` when no rule moves the customer forward.
    func promotion(
        of customer: CustomerState, on trigger: LifecycleTrigger, triggeringEventID: EventID, policy: LifecyclePolicy
    ) -> PendingEvent? {
        promotion(
            customerId: customer.id, from: customer.lifecycleStage, on: trigger, triggeringEventID: triggeringEventID,
            policy: policy)
    }

    /// The automatic promotion of a customer in stage `stage`.
    func promotion(
        customerId: String, from stage: String, on trigger: LifecycleTrigger, triggeringEventID: EventID,
        policy: LifecyclePolicy
    ) -> PendingEvent? {
        guard let definition = policy.definition, let rule = policy.promotion(on: trigger, from: stage) else { return nil }
        let changed = LifecycleStageChanged(
            customerId: customerId, fromStage: stage, toStage: rule.toStage, direction: .forward,
            trigger: .rule, ruleId: rule.ruleId, triggeringEventId: triggeringEventID, policyId: definition.policyId,
            policyVersion: definition.version)
        return PendingEvent(changed, causationID: triggeringEventID)
    }

    /// Moves a customer's lifecycle stage explicitly. Forward moves are always allowed; a move back needs a
    /// reason and a policy that allows it (``BackwardMovePolicy/withReason``).
    /// - Throws: ``CRMError/notConfigured(_:)`` without a policy, ``CRMError/unknownLifecycleStage(_:known:)``,
    ///   ``CRMError/lifecycleMoveBackNotAllowed(customerId:from:to:reason:)``, ``CRMError/invalidInput(field:reason:)``
    ///   when the customer is already in the stage.
    @discardableResult
    public func changeLifecycleStage(
        customerId: String, to stage: String, reason: String? = nil, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let reason = try Validate.optionalText(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("changeLifecycleStage", context) { () throws(CRMError) in
            let customer = try await writable(CustomerState.self, customerId)
            let policy = try await lifecyclePolicy()
            guard let definition = policy.definition else { throw .notConfigured("The lifecycle policy") }
            guard let target = policy.rank(of: stage) else { throw .unknownLifecycleStage(stage, known: definition.stages) }
            guard stage != customer.lifecycleStage else {
                throw .invalidInput(field: "lifecycle stage", reason: "customer \(customerId) is already a \(stage)")
            }
            let backward = target < (policy.rank(of: customer.lifecycleStage) ?? -1)
            if backward {
                guard definition.backwardMoves == .withReason else {
                    throw .lifecycleMoveBackNotAllowed(
                        customerId: customerId, from: customer.lifecycleStage, to: stage,
                        reason: "the lifecycle policy only moves forward")
                }
                guard reason != nil else {
                    throw .lifecycleMoveBackNotAllowed(
                        customerId: customerId, from: customer.lifecycleStage, to: stage,
                        reason: "a move back needs a reason (churned, recycled, disqualified)")
                }
            }
            let changed = LifecycleStageChanged(
                customerId: customerId, fromStage: customer.lifecycleStage, toStage: stage,
                direction: backward ? .backward : .forward, trigger: .manual, policyId: definition.policyId,
                policyVersion: definition.version, reason: reason)
            return try write(customer, changed)
        }
    }
}
