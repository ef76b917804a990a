// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A lead was qualified.
///
/// Stream: `lead-<leadId>`. Schema version 1.
public struct LeadQualified: Event, Hashable {
    /// The stable type name, `LeadQualified`.
    public static let eventType = "LeadQualified"
    /// The lead.
    public var leadId: String
    /// Marketing- or sales-qualified.
    public var level: LeadQualificationLevel
    /// The score that qualified it.
    public var score: Int?

    /// Creates the event from its fields.
    public init(leadId: String, level: LeadQualificationLevel, score: Int? = nil) {
        self.leadId = leadId
        self.level = level
        self.score = score
    }
}

extension LeadQualified: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        leadId = try fields.string("leadId")
        level = try fields.value(LeadQualificationLevel.self, "level")
        score = try fields.intIfPresent("score")
    }
}

extension LeadQualified: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("leadId", leadId)
        try fields.value("level", level)
        try fields.intIfPresent("score", score)
    }
}
