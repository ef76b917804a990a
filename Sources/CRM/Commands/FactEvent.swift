/// An event that records a fact about one existing record without rules of its own: model outputs, loyalty
/// points, coupons, attributions, deadline breaches, record views, scores. Append one with
/// ``CRMStore/recordFact(_:context:)``.
public protocol FactEvent: Event {
    /// The record whose stream gets the event.
    var factSubject: EntityRef { get }
}

/// A fact about a customer, recorded on the customer's stream.
public protocol CustomerFactEvent: FactEvent {
    /// The customer.
    var customerId: String { get }
}

extension CustomerFactEvent {
    /// The customer.
    public var factSubject: EntityRef { EntityRef(kind: .customer, id: customerId) }
}

extension ChurnRiskAssessed: CustomerFactEvent {}
extension LoyaltyPointsAwarded: CustomerFactEvent {}
extension LoyaltyPointsRedeemed: CustomerFactEvent {}
extension CouponIssued: CustomerFactEvent {}
extension CouponRedeemed: CustomerFactEvent {}

extension PredictionRecorded: FactEvent {
    /// The record predicted for.
    public var factSubject: EntityRef { subject }
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
