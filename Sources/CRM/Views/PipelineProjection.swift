public import EventSourcing

/// The pipeline view as a projection: every opportunity (``PipelineDeal``, key `o:<id>`) with its stage history, and
/// every lead (``PipelineLead``, key `l:<id>`) for the funnel. The figures are computed from them when queried
/// (``PipelineSnapshot``), so one stored view answers every grouping.
public struct PipelineProjection: Projection {
    /// `crm-pipeline`.
    public let name = "crm-pipeline"
    /// Version 1.
    public let version: UInt32 = 1

    /// The projection.
    public init() {}

    /// The event types the view reads.
    public var eventTypes: Set<String> {
        [
            OpportunityOpened.eventType, OpportunityStageChanged.eventType, OpportunityAmountChanged.eventType,
            OpportunityCloseDateChanged.eventType, OpportunityProbabilityOverridden.eventType,
            OpportunityForecastCategoryOverridden.eventType, OpportunityOwnerChanged.eventType,
            OpportunityWon.eventType, OpportunityLost.eventType, OpportunityReopened.eventType,
            OpportunityAttributedToCampaign.eventType, LeadCaptured.eventType, LeadQualified.eventType,
            LeadConverted.eventType,
        ]
    }

    /// Applies one event.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<PipelineRecord>) throws {
        let at = event.occurredAt
        switch event.type {
        case OpportunityOpened.eventType:
            let e = try event.decode(OpportunityOpened.self)
            var deal = PipelineDeal(
                id: e.opportunityId, customerId: e.customerId, name: e.name, pipelineId: e.pipelineId, stage: e.stage,
                amount: e.amount, expectedCloseDate: e.expectedCloseDate, openedAt: at)
            (deal.ownerId, deal.source, deal.campaignId, deal.leadId) = (e.ownerId, e.source, e.primaryCampaignId, e.sourceLeadId)
            records.set(PipelineRecord(deal: deal), forKey: "o:" + e.opportunityId)
        case OpportunityStageChanged.eventType:
            let e = try event.decode(OpportunityStageChanged.self)
            try deal(e.opportunityId, &records) { deal in
                if e.direction == .backward {
                    deal.backwardMoves.append(BackwardMove(fromStageId: deal.stage.stageId, toStageId: e.stage.stageId, at: at))
                }
                deal.enter(e.stage, at: at)
                deal.pipelineId = e.pipelineId
            }
        case OpportunityAmountChanged.eventType:
            let e = try event.decode(OpportunityAmountChanged.self)
            try deal(e.opportunityId, &records) { $0.amount = e.newAmount }
        case OpportunityCloseDateChanged.eventType:
            let e = try event.decode(OpportunityCloseDateChanged.self)
            try deal(e.opportunityId, &records) { $0.expectedCloseDate = e.newDate }
        case OpportunityProbabilityOverridden.eventType:
            let e = try event.decode(OpportunityProbabilityOverridden.self)
            try deal(e.opportunityId, &records) { $0.probabilityOverride = e.newProbability }
        case OpportunityForecastCategoryOverridden.eventType:
            let e = try event.decode(OpportunityForecastCategoryOverridden.self)
            try deal(e.opportunityId, &records) { $0.forecastOverride = e.newCategory }
        case OpportunityOwnerChanged.eventType:
            let e = try event.decode(OpportunityOwnerChanged.self)
            try deal(e.opportunityId, &records) { $0.ownerId = e.toOwnerId }
        case OpportunityAttributedToCampaign.eventType:
            let e = try event.decode(OpportunityAttributedToCampaign.self)
            try deal(e.opportunityId, &records) { $0.campaignId = e.campaignId }
        case OpportunityWon.eventType:
            let e = try event.decode(OpportunityWon.self)
            try deal(e.opportunityId, &records) { deal in
                deal.enter(e.stage, at: at)
                (deal.wonAmount, deal.closeDate, deal.closedAt) = (e.wonAmount, e.closeDate, at)
            }
        case OpportunityLost.eventType:
            let e = try event.decode(OpportunityLost.self)
            try deal(e.opportunityId, &records) { deal in
                deal.enter(e.stage, at: at)
                (deal.closeDate, deal.closedAt, deal.competitor) = (e.closeDate, at, e.competitor)
                deal.lostReason = LostReasonLabel(code: e.lostReasonCode, label: e.lostReasonLabel)
            }
        case OpportunityReopened.eventType:
            let e = try event.decode(OpportunityReopened.self)
            try deal(e.opportunityId, &records) { deal in
                deal.enter(e.stage, at: at)
                (deal.wonAmount, deal.closeDate, deal.closedAt, deal.lostReason, deal.competitor) = (nil, nil, nil, nil, nil)
            }
        case LeadCaptured.eventType:
            let e = try event.decode(LeadCaptured.self)
            let lead = PipelineLead(id: e.leadId, source: e.source, campaignId: e.campaignId, capturedAt: at)
            records.set(PipelineRecord(lead: lead), forKey: "l:" + e.leadId)
        case LeadQualified.eventType:
            let e = try event.decode(LeadQualified.self)
            try lead(e.leadId, &records) { lead in if lead.qualifiedAt == nil { lead.qualifiedAt = at } }
        case LeadConverted.eventType:
            let e = try event.decode(LeadConverted.self)
            try lead(e.leadId, &records) { lead in
                if lead.qualifiedAt == nil { lead.qualifiedAt = at }
                if let id = e.opportunityId { lead.opportunityId = id }
            }
        default: break
        }
    }

    private func deal(
        _ id: String, _ records: inout ProjectionRecords<PipelineRecord>, _ body: (inout PipelineDeal) -> Void
    ) throws {
        // Changed where it lies: its stage history is not copied.
        try records.updateIfPresent("o:" + id) { record in
            record.deal.updateIfPresent(body)
        }
    }

    private func lead(
        _ id: String, _ records: inout ProjectionRecords<PipelineRecord>, _ body: (inout PipelineLead) -> Void
    ) throws {
        try records.updateIfPresent("l:" + id) { record in
            record.lead.updateIfPresent(body)
        }
    }
}

extension PipelineDeal {
    /// Leaves the current stage and enters `stage` at `at`.
    mutating func enter(_ stage: StageSnapshot, at: Timestamp) {
        if !history.isEmpty { history[history.count - 1].leftAt = at }
        history.append(StageVisit(stageId: stage.stageId, enteredAt: at))
        self.stage = stage
    }
}
