/// An event that records a fact about one existing record without rules of its own: model outputs, loyalty
/// points, coupons, attributions, deadline breaches, record views, scores. Append one with
/// ``CRMStore/recordFact(_:context:)``.
public protocol FactEvent: Event {
    /// The record whose stream gets the event.
    var factSubject: EntityRef { get }
}

extension ChurnRiskAssessed: FactEvent {
    /// The customer.
    public var factSubject: EntityRef { EntityRef(kind: .customer, id: customerId) }
}

extension PredictionRecorded: FactEvent {
    /// The record predicted for.
    public var factSubject: EntityRef { subject }
}

extension LoyaltyPointsAwarded: FactEvent {
    /// The customer.
    public var factSubject: EntityRef { EntityRef(kind: .customer, id: customerId) }
}

extension LoyaltyPointsRedeemed: FactEvent {
    /// The customer.
    public var factSubject: EntityRef { EntityRef(kind: .customer, id: customerId) }
}

extension CouponIssued: FactEvent {
    /// The customer.
    public var factSubject: EntityRef { EntityRef(kind: .customer, id: customerId) }
}

extension CouponRedeemed: FactEvent {
    /// The customer.
    public var factSubject: EntityRef { EntityRef(kind: .customer, id: customerId) }
}

extension LeadScored: FactEvent {
    /// The lead.
    public var factSubject: EntityRef { EntityRef(kind: .lead, id: leadId) }
}

extension OpportunityAttributedToCampaign: FactEvent {
    /// The opportunity.
    public var factSubject: EntityRef { EntityRef(kind: .opportunity, id: opportunityId) }
}

extension OpportunityForecastCategoryOverridden: FactEvent {
    /// The opportunity.
    public var factSubject: EntityRef { EntityRef(kind: .opportunity, id: opportunityId) }
}

extension SLATargetBreached: FactEvent {
    /// The ticket.
    public var factSubject: EntityRef { EntityRef(kind: .ticket, id: ticketId) }
}

extension RecordViewed: FactEvent {
    /// The user who viewed (the event goes to the user's stream).
    public var factSubject: EntityRef { EntityRef(kind: .user, id: userId) }
}
