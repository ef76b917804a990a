public import EventSourcing

extension CRMStore {
    /// Appends a fact (a ``FactEvent``) to its existing subject's stream, expecting the version read.
    /// - Throws: ``CRMError/notFound(_:)`` for a missing subject, ``CRMError/absorbed(_:survivorId:)`` or
    ///   ``CRMError/erased(_:)`` for a subject that no longer accepts changes, ``CRMError/invalidInput(field:reason:)``
    ///   for scores outside 0 to 100, non-positive points or influence outside 0 to 100.
    @discardableResult
    public func recordFact(_ fact: some FactEvent, context: CommandContext) async throws(CRMError) -> [RecordedEvent] {
        try Self.check(fact)
        let subject = fact.factSubject
        return try await execute("record\(type(of: fact).eventType)", context) { () throws(CRMError) in
            let stream: StreamName
            let version: UInt64
            switch subject.kind {
            case .customer, .contact, .lead, .opportunity, .ticket, .campaign, .contract, .order:
                (stream, version, _) = try await traitsOf(subject)
            default:
                (stream, version) = try await self.version(of: subject)
                guard version > 0 else { throw .notFound(subject) }
            }
            return [PendingWrite(stream, at: version, [PendingEvent(fact)])]
        }
    }

    private static func check(_ fact: some FactEvent) throws(CRMError) {
        switch fact {
        case let risk as ChurnRiskAssessed: _ = try Validate.number(risk.score, in: 0...100, field: "churn risk score")
        case let score as LeadScored: _ = try Validate.number(score.score, in: 0...100, field: "lead score")
        case let points as LoyaltyPointsAwarded: _ = try Validate.number(points.points, in: 1...Int.max, field: "points")
        case let points as LoyaltyPointsRedeemed: _ = try Validate.number(points.points, in: 1...Int.max, field: "points")
        case let coupon as CouponIssued: _ = try Validate.number(coupon.discountPercent, in: 1...100, field: "discount")
        case let share as OpportunityAttributedToCampaign:
            _ = try Validate.number(share.influencePercent, in: 0...100, field: "influence")
        default: break
        }
    }
}
