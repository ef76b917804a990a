// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A sales pipeline was defined: its ordered stages with their probability, category and forecast category.
///
/// Stream: `pipeline-<pipelineId>`. Schema version 1.
public struct PipelineDefined: Event, Hashable {
    /// The stable type name, `PipelineDefined`.
    public static let eventType = "PipelineDefined"
    /// The pipeline's identifier.
    public var pipelineId: String
    /// The definition's version (1 for the first; every revision adds one).
    public var version: Int
    /// The pipeline's name.
    public var name: String
    /// The stages, in order.
    public var stages: [PipelineStage]

    /// Creates the event from its fields.
    public init(pipelineId: String, version: Int, name: String, stages: [PipelineStage]) {
        self.pipelineId = pipelineId
        self.version = version
        self.name = name
        self.stages = stages
    }
}

extension PipelineDefined: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        pipelineId = try fields.string("pipelineId")
        version = try fields.int("version")
        name = try fields.string("name")
        stages = try fields.array(of: PipelineStage.self, "stages")
    }
}

extension PipelineDefined: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("pipelineId", pipelineId)
        try fields.int("version", version)
        try fields.string("name", name)
        try fields.array("stages", stages)
    }
}
