// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A contact was given a role in a deal.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityContactRoleAssigned: Event, Hashable {
    /// The stable type name, `OpportunityContactRoleAssigned`.
    public static let eventType = "OpportunityContactRoleAssigned"
    /// The opportunity.
    public var opportunityId: String
    /// The contact.
    public var contactId: String
    /// The role.
    public var role: ContactRole

    /// Creates the event from its fields.
    public init(opportunityId: String, contactId: String, role: ContactRole) {
        self.opportunityId = opportunityId
        self.contactId = contactId
        self.role = role
    }
}

extension OpportunityContactRoleAssigned: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        contactId = try fields.string("contactId")
        role = try fields.value(ContactRole.self, "role")
    }
}

extension OpportunityContactRoleAssigned: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.string("contactId", contactId)
        try fields.value("role", role)
    }
}
