public import EventSourcing

/// A lead's current state, folded from `lead-<id>`.
public struct LeadState: EntityState, Hashable {
    /// Where a lead stands.
    public enum Progress: String, Sendable, Hashable, Codable {
        /// Captured, being worked.
        case open
        /// Qualified (see ``LeadState/qualificationLevel``).
        case qualified
        /// Disqualified.
        case disqualified
        /// Recycled into nurturing after a disqualification.
        case nurturing
        /// Converted into a customer, contact and opportunity.
        case converted
    }

    /// `lead`.
    public static var kind: EntityKind { .lead }
    /// The lead's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The lead as captured.
    public private(set) var captured: LeadCaptured?
    /// Where the lead stands.
    public private(set) var progress = Progress.open
    /// The highest qualification reached.
    public private(set) var qualificationLevel: LeadQualificationLevel?
    /// The current status of the configured status set.
    public private(set) var statusId: String?
    /// The owner.
    public private(set) var ownerId: String?
    /// The latest score.
    public private(set) var score: Int?
    /// The conversion, once converted.
    public private(set) var conversion: LeadConverted?
    /// Tags, custom fields, merges, consent and erasure.
    public private(set) var traits = RecordTraits()

    /// A lead not yet captured.
    public init(id: String) { self.id = id }

    /// Folds one event.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if try traits.apply(event) { return }
        switch event.type {
        case LeadCaptured.eventType:
            captured = try event.decode(LeadCaptured.self)
            ownerId = captured?.ownerId
        case LeadStatusChanged.eventType: statusId = try event.decode(LeadStatusChanged.self).toStatusId
        case LeadAssigned.eventType: ownerId = try event.decode(LeadAssigned.self).ownerId
        case LeadQualified.eventType:
            let qualified = try event.decode(LeadQualified.self)
            (progress, qualificationLevel) = (.qualified, qualified.level)
            score = qualified.score ?? score
        case LeadScored.eventType: score = try event.decode(LeadScored.self).score
        case LeadDisqualified.eventType: progress = .disqualified
        case LeadRecycled.eventType: progress = .nurturing
        case LeadConverted.eventType:
            conversion = try event.decode(LeadConverted.self)
            progress = .converted
        default: break
        }
    }
}
