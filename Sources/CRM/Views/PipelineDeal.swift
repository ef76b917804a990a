public import EventSourcing

/// One opportunity as the pipeline view keeps it: where it stands, its stage history and how it ended.
public struct PipelineDeal: Codable, Sendable, Hashable {
    /// The opportunity's identifier.
    public var id: String
    /// The customer.
    public var customerId: String
    /// Its name.
    public var name: String
    /// The pipeline.
    public var pipelineId: String
    /// The responsible user.
    public var ownerId: String?
    /// Where it came from.
    public var source: AcquisitionChannel?
    /// The campaign credited with it (the opening's, or the latest attribution).
    public var campaignId: String?
    /// The lead it came from.
    public var leadId: String?
    /// The current stage as configured when the deal entered it (a won or lost stage once closed).
    public var stage: StageSnapshot
    /// The current amount.
    public var amount: Money
    /// The expected close date.
    public var expectedCloseDate: LocalDate
    /// When it was opened (business time).
    public var openedAt: Timestamp
    /// The probability set by hand, overriding the stage's.
    public var probabilityOverride: Int?
    /// The forecast category set by hand, overriding the stage's.
    public var forecastOverride: ForecastCategory?
    /// Every stay in a stage, in order (the last one is the current stage's).
    public var history: [StageVisit]
    /// Every move to an earlier stage, in order.
    public var backwardMoves: [BackwardMove] = []
    /// The amount won, once won.
    public var wonAmount: Money?
    /// The close date of the win or loss.
    public var closeDate: LocalDate?
    /// When it was won or lost (business time).
    public var closedAt: Timestamp?
    /// The lost reason's code and label, once lost.
    public var lostReason: LostReasonLabel?
    /// The competitor that won, if known.
    public var competitor: String?

    /// A deal as opened.
    public init(
        id: String, customerId: String, name: String, pipelineId: String, stage: StageSnapshot, amount: Money,
        expectedCloseDate: LocalDate, openedAt: Timestamp
    ) {
        (self.id, self.customerId, self.name, self.pipelineId) = (id, customerId, name, pipelineId)
        (self.stage, self.amount, self.expectedCloseDate, self.openedAt) = (stage, amount, expectedCloseDate, openedAt)
        self.history = [StageVisit(stageId: stage.stageId, enteredAt: openedAt)]
    }

    /// Whether it is open (its stage's category is `open`).
    public var isOpen: Bool { stage.category == .open }
    /// The probability that counts: the override, else the stage's, in percent.
    public var probability: Int { probabilityOverride ?? stage.probability }
    /// The forecast category that counts: the override, else the stage's.
    public var forecastCategory: ForecastCategory { forecastOverride ?? stage.forecastCategory }
    /// When it entered its current stage.
    public var stageEnteredAt: Timestamp { history.last?.enteredAt ?? openedAt }

    /// The time spent in its current stage at `now`, in seconds (0 when `now` is earlier).
    public func ageInStage(at now: Timestamp) -> Int64 { max(0, (now.rawValue - stageEnteredAt.rawValue) / 1_000_000) }

    /// The time spent in stage `stageId` over every stay, at `now`, in seconds (a stay not left counts up to `now`).
    public func cumulativeSeconds(in stageId: String, at now: Timestamp) -> Int64 {
        history.filter { $0.stageId == stageId }.reduce(0) { $0 + $1.seconds(at: now) }
    }

    /// The time spent in the latest stay in stage `stageId`, in seconds, or `nil` when it never was there.
    public func latestSeconds(in stageId: String, at now: Timestamp) -> Int64? {
        history.last { $0.stageId == stageId }?.seconds(at: now)
    }
}

/// One stay of a deal in a stage.
public struct StageVisit: Codable, Sendable, Hashable {
    /// The stage.
    public var stageId: String
    /// When the deal entered it.
    public var enteredAt: Timestamp
    /// When it left it (`nil` while it is there).
    public var leftAt: Timestamp?

    /// A stay.
    public init(stageId: String, enteredAt: Timestamp, leftAt: Timestamp? = nil) {
        (self.stageId, self.enteredAt, self.leftAt) = (stageId, enteredAt, leftAt)
    }

    /// Its length in whole seconds, up to `now` while not left (never negative).
    public func seconds(at now: Timestamp) -> Int64 { max(0, ((leftAt ?? now).rawValue - enteredAt.rawValue) / 1_000_000) }
}

/// A move of a deal to an earlier stage.
public struct BackwardMove: Codable, Sendable, Hashable {
    /// The stage it left.
    public var fromStageId: String
    /// The earlier stage it moved to.
    public var toStageId: String
    /// When (business time).
    public var at: Timestamp

    /// A backward move.
    public init(fromStageId: String, toStageId: String, at: Timestamp) {
        (self.fromStageId, self.toStageId, self.at) = (fromStageId, toStageId, at)
    }
}

/// A lost reason as recorded with the loss.
public struct LostReasonLabel: Codable, Sendable, Hashable {
    /// The reason's code.
    public var code: String
    /// The reason's label at the time.
    public var label: String

    /// A lost reason.
    public init(code: String, label: String) { (self.code, self.label) = (code, label) }
}

/// One lead as the pipeline view keeps it, for the conversion funnel and the lead-to-won cycle.
public struct PipelineLead: Codable, Sendable, Hashable {
    /// The lead's identifier.
    public var id: String
    /// The lead source.
    public var source: AcquisitionChannel
    /// The campaign that produced it.
    public var campaignId: String?
    /// When it was captured (business time).
    public var capturedAt: Timestamp
    /// When it was first qualified.
    public var qualifiedAt: Timestamp?
    /// The opportunity it was converted into.
    public var opportunityId: String?

    /// A lead as captured.
    public init(id: String, source: AcquisitionChannel, campaignId: String?, capturedAt: Timestamp) {
        (self.id, self.source, self.campaignId, self.capturedAt) = (id, source, campaignId, capturedAt)
    }
}

/// A record of ``PipelineProjection``: a deal (key `o:<opportunityId>`) or a lead (key `l:<leadId>`).
public struct PipelineRecord: Codable, Sendable, Hashable {
    /// The deal, for an `o:` key.
    public var deal: PipelineDeal?
    /// The lead, for an `l:` key.
    public var lead: PipelineLead?

    /// A deal record.
    public init(deal: PipelineDeal) { self.deal = deal }
    /// A lead record.
    public init(lead: PipelineLead) { self.lead = lead }
}

// MARK: - Binary payload coding (the fields in declaration order, as `Codable` writes and reads them)

extension PipelineDeal: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the deal's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("id", id)
        try fields.string("customerId", customerId)
        try fields.string("name", name)
        try fields.string("pipelineId", pipelineId)
        try fields.stringIfPresent("ownerId", ownerId)
        try fields.valueIfPresent("source", source)
        try fields.stringIfPresent("campaignId", campaignId)
        try fields.stringIfPresent("leadId", leadId)
        try fields.encode("stage", stage)
        try fields.encode("amount", amount)
        try fields.text("expectedCloseDate", expectedCloseDate)
        try fields.timestamp("openedAt", openedAt)
        try fields.intIfPresent("probabilityOverride", probabilityOverride)
        try fields.valueIfPresent("forecastOverride", forecastOverride)
        try fields.array("history", history)
        try fields.array("backwardMoves", backwardMoves)
        try fields.encodeIfPresent("wonAmount", wonAmount)
        try fields.textIfPresent("closeDate", closeDate)
        try fields.timestampIfPresent("closedAt", closedAt)
        try fields.encodeIfPresent("lostReason", lostReason)
        try fields.stringIfPresent("competitor", competitor)
    }

    /// Reads the deal from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        id = try fields.string("id")
        customerId = try fields.string("customerId")
        name = try fields.string("name")
        pipelineId = try fields.string("pipelineId")
        ownerId = try fields.stringIfPresent("ownerId")
        source = try fields.valueIfPresent(AcquisitionChannel.self, "source")
        campaignId = try fields.stringIfPresent("campaignId")
        leadId = try fields.stringIfPresent("leadId")
        stage = try fields.decode(StageSnapshot.self, "stage")
        amount = try fields.decode(Money.self, "amount")
        expectedCloseDate = try fields.text(LocalDate.self, "expectedCloseDate")
        openedAt = try fields.timestamp("openedAt")
        probabilityOverride = try fields.intIfPresent("probabilityOverride")
        forecastOverride = try fields.valueIfPresent(ForecastCategory.self, "forecastOverride")
        history = try fields.array(of: StageVisit.self, "history")
        backwardMoves = try fields.array(of: BackwardMove.self, "backwardMoves")
        wonAmount = try fields.decodeIfPresent(Money.self, "wonAmount")
        closeDate = try fields.textIfPresent(LocalDate.self, "closeDate")
        closedAt = try fields.timestampIfPresent("closedAt")
        lostReason = try fields.decodeIfPresent(LostReasonLabel.self, "lostReason")
        competitor = try fields.stringIfPresent("competitor")
    }
}

extension StageVisit: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the stay's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("stageId", stageId)
        try fields.timestamp("enteredAt", enteredAt)
        try fields.timestampIfPresent("leftAt", leftAt)
    }

    /// Reads the stay from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        stageId = try fields.string("stageId")
        enteredAt = try fields.timestamp("enteredAt")
        leftAt = try fields.timestampIfPresent("leftAt")
    }
}

extension BackwardMove: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the move's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("fromStageId", fromStageId)
        try fields.string("toStageId", toStageId)
        try fields.timestamp("at", at)
    }

    /// Reads the move from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        fromStageId = try fields.string("fromStageId")
        toStageId = try fields.string("toStageId")
        at = try fields.timestamp("at")
    }
}

extension LostReasonLabel: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the reason's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("code", code)
        try fields.string("label", label)
    }

    /// Reads the reason from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        code = try fields.string("code")
        label = try fields.string("label")
    }
}

extension PipelineLead: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the lead's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("id", id)
        try fields.value("source", source)
        try fields.stringIfPresent("campaignId", campaignId)
        try fields.timestamp("capturedAt", capturedAt)
        try fields.timestampIfPresent("qualifiedAt", qualifiedAt)
        try fields.stringIfPresent("opportunityId", opportunityId)
    }

    /// Reads the lead from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        id = try fields.string("id")
        source = try fields.value(AcquisitionChannel.self, "source")
        campaignId = try fields.stringIfPresent("campaignId")
        capturedAt = try fields.timestamp("capturedAt")
        qualifiedAt = try fields.timestampIfPresent("qualifiedAt")
        opportunityId = try fields.stringIfPresent("opportunityId")
    }
}

extension PipelineRecord: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the record's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encodeIfPresent("deal", deal)
        try fields.encodeIfPresent("lead", lead)
    }

    /// Reads the record from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        deal = try fields.decodeIfPresent(PipelineDeal.self, "deal")
        lead = try fields.decodeIfPresent(PipelineLead.self, "lead")
    }
}
