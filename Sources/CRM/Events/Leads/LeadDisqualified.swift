// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A lead was disqualified.
///
/// Stream: `lead-<leadId>`. Schema version 1.
public struct LeadDisqualified: PersonalData, Hashable {
    /// The stable type name, `LeadDisqualified`.
    public static let eventType = "LeadDisqualified"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["note"]
    /// The lead.
    public var leadId: String
    /// Why.
    public var reasonCode: String
    /// Details. (personal data)
    public var note: String?

    /// Creates the event from its fields.
    public init(leadId: String, reasonCode: String, note: String? = nil) {
        self.leadId = leadId
        self.reasonCode = reasonCode
        self.note = note
    }
}

extension LeadDisqualified: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        leadId = try fields.string("leadId")
        reasonCode = try fields.string("reasonCode")
        note = try fields.stringIfPresent("note")
    }
}

extension LeadDisqualified: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("leadId", leadId)
        try fields.string("reasonCode", reasonCode)
        try fields.stringIfPresent("note", note)
    }
}
