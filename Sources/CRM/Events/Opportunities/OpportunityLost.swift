// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// An opportunity was lost, with a configured reason; sets the close date.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityLost: PersonalData, Hashable {
    /// The stable type name, `OpportunityLost`.
    public static let eventType = "OpportunityLost"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["note"]
    /// The opportunity.
    public var opportunityId: String
    /// The pipeline.
    public var pipelineId: String
    /// The pipeline's version.
    public var pipelineVersion: Int
    /// The lost stage, as it was configured.
    public var stage: StageSnapshot
    /// The reason's code.
    public var lostReasonCode: String
    /// The reason's label then.
    public var lostReasonLabel: String
    /// The version of the lost-reason list.
    public var lostReasonsVersion: Int
    /// The competitor that won, if known.
    public var competitor: String?
    /// Details. (personal data)
    public var note: String?
    /// The close date.
    public var closeDate: LocalDate
    /// The stage it was lost from.
    public var lastOpenStageId: String

    /// Creates the event from its fields.
    public init(
        opportunityId: String,
        pipelineId: String,
        pipelineVersion: Int,
        stage: StageSnapshot,
        lostReasonCode: String,
        lostReasonLabel: String,
        lostReasonsVersion: Int,
        competitor: String? = nil,
        note: String? = nil,
        closeDate: LocalDate,
        lastOpenStageId: String
    ) {
        self.opportunityId = opportunityId
        self.pipelineId = pipelineId
        self.pipelineVersion = pipelineVersion
        self.stage = stage
        self.lostReasonCode = lostReasonCode
        self.lostReasonLabel = lostReasonLabel
        self.lostReasonsVersion = lostReasonsVersion
        self.competitor = competitor
        self.note = note
        self.closeDate = closeDate
        self.lastOpenStageId = lastOpenStageId
    }
}

extension OpportunityLost: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        pipelineId = try fields.string("pipelineId")
        pipelineVersion = try fields.int("pipelineVersion")
        stage = try fields.decode(StageSnapshot.self, "stage")
        lostReasonCode = try fields.string("lostReasonCode")
        lostReasonLabel = try fields.string("lostReasonLabel")
        lostReasonsVersion = try fields.int("lostReasonsVersion")
        competitor = try fields.stringIfPresent("competitor")
        note = try fields.stringIfPresent("note")
        closeDate = try fields.text(LocalDate.self, "closeDate")
        lastOpenStageId = try fields.string("lastOpenStageId")
    }
}

extension OpportunityLost: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.string("pipelineId", pipelineId)
        try fields.int("pipelineVersion", pipelineVersion)
        try fields.encode("stage", stage)
        try fields.string("lostReasonCode", lostReasonCode)
        try fields.string("lostReasonLabel", lostReasonLabel)
        try fields.int("lostReasonsVersion", lostReasonsVersion)
        try fields.stringIfPresent("competitor", competitor)
        try fields.stringIfPresent("note", note)
        try fields.text("closeDate", closeDate)
        try fields.string("lastOpenStageId", lastOpenStageId)
    }
}
