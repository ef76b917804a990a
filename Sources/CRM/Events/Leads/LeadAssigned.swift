// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A lead was assigned to a user (by hand or by an allocation rule).
///
/// Stream: `lead-<leadId>`. Schema version 1.
public struct LeadAssigned: Event, Hashable {
    /// The stable type name, `LeadAssigned`.
    public static let eventType = "LeadAssigned"
    /// The lead.
    public var leadId: String
    /// The new owner.
    public var ownerId: String

    /// Creates the event from its fields.
    public init(leadId: String, ownerId: String) {
        self.leadId = leadId
        self.ownerId = ownerId
    }
}

extension LeadAssigned: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        leadId = try fields.string("leadId")
        ownerId = try fields.string("ownerId")
    }
}

extension LeadAssigned: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("leadId", leadId)
        try fields.string("ownerId", ownerId)
    }
}
