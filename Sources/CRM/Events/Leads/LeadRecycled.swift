// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A disqualified lead was recycled into nurturing.
///
/// Stream: `lead-<leadId>`. Schema version 1.
public struct LeadRecycled: Event, Hashable {
    /// The stable type name, `LeadRecycled`.
    public static let eventType = "LeadRecycled"
    /// The lead.
    public var leadId: String
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(leadId: String, reason: String) {
        self.leadId = leadId
        self.reason = reason
    }
}

extension LeadRecycled: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        leadId = try fields.string("leadId")
        reason = try fields.string("reason")
    }
}

extension LeadRecycled: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("leadId", leadId)
        try fields.string("reason", reason)
    }
}
