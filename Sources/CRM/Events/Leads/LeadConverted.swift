// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A lead was converted into a customer, a contact and an opportunity (appended atomically with the events that create them).
///
/// Stream: `lead-<leadId>`. Schema version 1.
public struct LeadConverted: Event, Hashable {
    /// The stable type name, `LeadConverted`.
    public static let eventType = "LeadConverted"
    /// The lead.
    public var leadId: String
    /// The customer created or reused.
    public var customerId: String
    /// The contact created.
    public var contactId: String
    /// The opportunity created.
    public var opportunityId: String?

    /// Creates the event from its fields.
    public init(leadId: String, customerId: String, contactId: String, opportunityId: String? = nil) {
        self.leadId = leadId
        self.customerId = customerId
        self.contactId = contactId
        self.opportunityId = opportunityId
    }
}

extension LeadConverted: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        leadId = try fields.string("leadId")
        customerId = try fields.string("customerId")
        contactId = try fields.string("contactId")
        opportunityId = try fields.stringIfPresent("opportunityId")
    }
}

extension LeadConverted: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("leadId", leadId)
        try fields.string("customerId", customerId)
        try fields.string("contactId", contactId)
        try fields.stringIfPresent("opportunityId", opportunityId)
    }
}
