// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// An opportunity was won; sets the close date.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityWon: Event, Hashable {
    /// The stable type name, `OpportunityWon`.
    public static let eventType = "OpportunityWon"
    /// The opportunity.
    public var opportunityId: String
    /// The pipeline.
    public var pipelineId: String
    /// The pipeline's version.
    public var pipelineVersion: Int
    /// The won stage, as it was configured.
    public var stage: StageSnapshot
    /// The amount won.
    public var wonAmount: Money
    /// The close date.
    public var closeDate: LocalDate
    /// The stage it was won from.
    public var lastOpenStageId: String

    /// Creates the event from its fields.
    public init(
        opportunityId: String,
        pipelineId: String,
        pipelineVersion: Int,
        stage: StageSnapshot,
        wonAmount: Money,
        closeDate: LocalDate,
        lastOpenStageId: String
    ) {
        self.opportunityId = opportunityId
        self.pipelineId = pipelineId
        self.pipelineVersion = pipelineVersion
        self.stage = stage
        self.wonAmount = wonAmount
        self.closeDate = closeDate
        self.lastOpenStageId = lastOpenStageId
    }
}

extension OpportunityWon: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        pipelineId = try fields.string("pipelineId")
        pipelineVersion = try fields.int("pipelineVersion")
        stage = try fields.decode(StageSnapshot.self, "stage")
        wonAmount = try fields.decode(Money.self, "wonAmount")
        closeDate = try fields.text(LocalDate.self, "closeDate")
        lastOpenStageId = try fields.string("lastOpenStageId")
    }
}

extension OpportunityWon: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.string("pipelineId", pipelineId)
        try fields.int("pipelineVersion", pipelineVersion)
        try fields.encode("stage", stage)
        try fields.encode("wonAmount", wonAmount)
        try fields.text("closeDate", closeDate)
        try fields.string("lastOpenStageId", lastOpenStageId)
    }
}
