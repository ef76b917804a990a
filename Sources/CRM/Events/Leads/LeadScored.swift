// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A lead-scoring model scored a lead.
///
/// Stream: `lead-<leadId>`. Schema version 1.
public struct LeadScored: Event, Hashable {
    /// The stable type name, `LeadScored`.
    public static let eventType = "LeadScored"
    /// The lead.
    public var leadId: String
    /// The score, 0 to 100.
    public var score: Int
    /// The model.
    public var model: String
    /// The model's version.
    public var modelVersion: String

    /// Creates the event from its fields.
    public init(leadId: String, score: Int, model: String, modelVersion: String) {
        self.leadId = leadId
        self.score = score
        self.model = model
        self.modelVersion = modelVersion
    }
}

extension LeadScored: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        leadId = try fields.string("leadId")
        score = try fields.int("score")
        model = try fields.string("model")
        modelVersion = try fields.string("modelVersion")
    }
}

extension LeadScored: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("leadId", leadId)
        try fields.int("score", score)
        try fields.string("model", model)
        try fields.string("modelVersion", modelVersion)
    }
}
