// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A closed opportunity was reopened into an open stage.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityReopened: Event, Hashable {
    /// The stable type name, `OpportunityReopened`.
    public static let eventType = "OpportunityReopened"
    /// The opportunity.
    public var opportunityId: String
    /// How it had ended.
    public var previousOutcome: OpportunityOutcome
    /// The pipeline.
    public var pipelineId: String
    /// The pipeline's version.
    public var pipelineVersion: Int
    /// The stage it reopens in.
    public var stage: StageSnapshot
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(
        opportunityId: String,
        previousOutcome: OpportunityOutcome,
        pipelineId: String,
        pipelineVersion: Int,
        stage: StageSnapshot,
        reason: String
    ) {
        self.opportunityId = opportunityId
        self.previousOutcome = previousOutcome
        self.pipelineId = pipelineId
        self.pipelineVersion = pipelineVersion
        self.stage = stage
        self.reason = reason
    }
}

extension OpportunityReopened: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        previousOutcome = try fields.value(OpportunityOutcome.self, "previousOutcome")
        pipelineId = try fields.string("pipelineId")
        pipelineVersion = try fields.int("pipelineVersion")
        stage = try fields.decode(StageSnapshot.self, "stage")
        reason = try fields.string("reason")
    }
}

extension OpportunityReopened: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.value("previousOutcome", previousOutcome)
        try fields.string("pipelineId", pipelineId)
        try fields.int("pipelineVersion", pipelineVersion)
        try fields.encode("stage", stage)
        try fields.string("reason", reason)
    }
}
