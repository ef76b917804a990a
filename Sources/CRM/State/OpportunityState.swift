public import EventSourcing

/// An opportunity's current state, folded from `opportunity-<id>`.
public struct OpportunityState: EntityState, Hashable, Encodable {
    /// `opportunity`.
    public static var kind: EntityKind { .opportunity }
    /// The opportunity's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The opening event.
    public private(set) var opened: OpportunityOpened?
    /// The current stage, as it was when the opportunity entered it.
    public private(set) var stage: StageSnapshot?
    /// The pipeline version of the latest stage change.
    public private(set) var pipelineVersion = 0
    /// The last open stage (the one a won or lost deal closed from).
    public private(set) var lastOpenStageId: String?
    /// The stages entered, in order (including won and lost stages).
    public private(set) var stageHistory: [String] = []
    /// The current amount.
    public private(set) var amount: Money?
    /// The expected close date, or the close date once closed.
    public private(set) var closeDate: LocalDate?
    /// The probability in percent: the stage's, unless overridden.
    public private(set) var probability = 0
    /// How the opportunity ended, `nil` while open.
    public private(set) var outcome: OpportunityOutcome?
    /// The lost reason of a lost opportunity.
    public private(set) var lostReasonCode: String?
    /// The owner.
    public private(set) var ownerId: String?
    /// Contacts and their roles.
    public private(set) var contactRoles: [String: ContactRole] = [:]
    /// The product lines.
    public private(set) var lines: [ProductLine] = []
    /// The next action.
    public private(set) var nextAction: String?
    /// Tags, custom fields, merges, consent and erasure.
    public private(set) var traits = RecordTraits()

    /// An opportunity not yet opened.
    public init(id: String) { self.id = id }

    /// Whether the opportunity is open (opened and neither won nor lost).
    public var isOpen: Bool { exists && outcome == nil }

    /// The customer.
    public var customerId: String? { opened?.customerId }

    /// Folds one event.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if try traits.apply(event) { return }
        switch event.type {
        case OpportunityOpened.eventType:
            let opened = try event.decode(OpportunityOpened.self)
            self.opened = opened
            enter(opened.stage, pipelineVersion: opened.pipelineVersion)
            (amount, closeDate, ownerId) = (opened.amount, opened.expectedCloseDate, opened.ownerId)
        case OpportunityStageChanged.eventType:
            let changed = try event.decode(OpportunityStageChanged.self)
            enter(changed.stage, pipelineVersion: changed.pipelineVersion)
        case OpportunityAmountChanged.eventType: amount = try event.decode(OpportunityAmountChanged.self).newAmount
        case OpportunityCloseDateChanged.eventType: closeDate = try event.decode(OpportunityCloseDateChanged.self).newDate
        case OpportunityProbabilityOverridden.eventType:
            probability = try event.decode(OpportunityProbabilityOverridden.self).newProbability
        case OpportunityOwnerChanged.eventType: ownerId = try event.decode(OpportunityOwnerChanged.self).toOwnerId
        case OpportunityContactRoleAssigned.eventType:
            let assigned = try event.decode(OpportunityContactRoleAssigned.self)
            contactRoles[assigned.contactId] = assigned.role
        case OpportunityContactRoleRemoved.eventType:
            contactRoles.removeValue(forKey: try event.decode(OpportunityContactRoleRemoved.self).contactId)
        case OpportunityProductsChanged.eventType: lines = try event.decode(OpportunityProductsChanged.self).lines
        case OpportunityNextActionSet.eventType: nextAction = try event.decode(OpportunityNextActionSet.self).action
        case OpportunityWon.eventType:
            let won = try event.decode(OpportunityWon.self)
            enter(won.stage, pipelineVersion: won.pipelineVersion)
            (outcome, amount, closeDate) = (.won, won.wonAmount, won.closeDate)
        case OpportunityLost.eventType:
            let lost = try event.decode(OpportunityLost.self)
            enter(lost.stage, pipelineVersion: lost.pipelineVersion)
            (outcome, closeDate, lostReasonCode) = (.lost, lost.closeDate, lost.lostReasonCode)
        case OpportunityReopened.eventType:
            let reopened = try event.decode(OpportunityReopened.self)
            enter(reopened.stage, pipelineVersion: reopened.pipelineVersion)
            (outcome, lostReasonCode) = (nil, nil)
        default: break
        }
    }

    private mutating func enter(_ snapshot: StageSnapshot, pipelineVersion: Int) {
        stage = snapshot
        self.pipelineVersion = pipelineVersion
        probability = snapshot.probability
        stageHistory.append(snapshot.stageId)
        if snapshot.category == .open { lastOpenStageId = snapshot.stageId }
    }
}
