// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// An open opportunity moved to another open stage; carries the stage's meaning as it was.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityStageChanged: Event, Hashable {
    /// The stable type name, `OpportunityStageChanged`.
    public static let eventType = "OpportunityStageChanged"
    /// The opportunity.
    public var opportunityId: String
    /// The stage before.
    public var fromStageId: String
    /// The pipeline.
    public var pipelineId: String
    /// The pipeline's version.
    public var pipelineVersion: Int
    /// The new stage, as it was configured.
    public var stage: StageSnapshot
    /// Forward or backward.
    public var direction: StageDirection

    /// Creates the event from its fields.
    public init(
        opportunityId: String,
        fromStageId: String,
        pipelineId: String,
        pipelineVersion: Int,
        stage: StageSnapshot,
        direction: StageDirection
    ) {
        self.opportunityId = opportunityId
        self.fromStageId = fromStageId
        self.pipelineId = pipelineId
        self.pipelineVersion = pipelineVersion
        self.stage = stage
        self.direction = direction
    }
}

extension OpportunityStageChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        fromStageId = try fields.string("fromStageId")
        pipelineId = try fields.string("pipelineId")
        pipelineVersion = try fields.int("pipelineVersion")
        stage = try fields.decode(StageSnapshot.self, "stage")
        direction = try fields.value(StageDirection.self, "direction")
    }
}

extension OpportunityStageChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.string("fromStageId", fromStageId)
        try fields.string("pipelineId", pipelineId)
        try fields.int("pipelineVersion", pipelineVersion)
        try fields.encode("stage", stage)
        try fields.value("direction", direction)
    }
}
