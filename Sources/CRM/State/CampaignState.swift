public import EventSourcing

/// A campaign's current state, folded from `campaign-<id>`.
public struct CampaignState: EntityState, Hashable {
    /// Where a campaign stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Planned, not yet running.
        case planned
        /// Running.
        case launched
        /// Finished.
        case completed
        /// Cancelled.
        case cancelled
    }

    /// `campaign`.
    public static var kind: EntityKind { .campaign }
    /// The campaign's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The plan.
    public private(set) var plan: CampaignPlanned?
    /// Where it stands.
    public private(set) var status = Status.planned
    /// The members and their current status.
    public private(set) var members: [EntityRef: String] = [:]
    /// The members who responded.
    public private(set) var responders: Set<EntityRef> = []
    /// The recorded costs, summed (in the budget's currency).
    public private(set) var actualCost: Money?
    /// Message events per action (`sent`, `opened`, `clicked`, ...).
    public private(set) var messageCounts: [CampaignMessageAction: Int] = [:]
    /// Tags, custom fields, merges, consent and erasure.
    public private(set) var traits = RecordTraits()

    /// A campaign not yet planned.
    public init(id: String) { self.id = id }

    /// Folds one event.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if try traits.apply(event) { return }
        switch event.type {
        case CampaignPlanned.eventType:
            plan = try event.decode(CampaignPlanned.self)
            actualCost = plan.map { Money.zero($0.budgetedCost.currency) }
        case CampaignLaunched.eventType: status = .launched
        case CampaignCompleted.eventType: status = .completed
        case CampaignCancelled.eventType: status = .cancelled
        case CampaignCostRecorded.eventType:
            let cost = try event.decode(CampaignCostRecorded.self).amount
            actualCost = (try? actualCost?.adding(cost)) ?? actualCost
        case CampaignMemberAdded.eventType:
            let added = try event.decode(CampaignMemberAdded.self)
            members[added.member] = added.status
        case CampaignMemberRemoved.eventType:
            let removed = try event.decode(CampaignMemberRemoved.self)
            members.removeValue(forKey: removed.member)
        case CampaignMessageEventRecorded.eventType:
            messageCounts[try event.decode(CampaignMessageEventRecorded.self).action, default: 0] += 1
        case CampaignResponseRecorded.eventType:
            let response = try event.decode(CampaignResponseRecorded.self)
            members[response.member] = response.status
            if response.responded { responders.insert(response.member) }
        default: break
        }
    }
}
