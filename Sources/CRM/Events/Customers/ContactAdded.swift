// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A contact person was added, usually for a customer.
///
/// Stream: `contact-<contactId>`. Schema version 1.
public struct ContactAdded: PersonalData, Hashable {
    /// The stable type name, `ContactAdded`.
    public static let eventType = "ContactAdded"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["name", "title", "emails", "phones"]
    /// The contact's identifier.
    public var contactId: String
    /// The customer the contact belongs to.
    public var customerId: String?
    /// The contact's name. (personal data)
    public var name: String
    /// The position or title. (personal data)
    public var title: String?
    /// E-mail addresses. (personal data)
    public var emails: [String]
    /// Phone numbers. (personal data)
    public var phones: [String]
    /// The contact's role at the customer.
    public var role: String?

    /// Creates the event from its fields.
    public init(
        contactId: String,
        customerId: String? = nil,
        name: String,
        title: String? = nil,
        emails: [String],
        phones: [String],
        role: String? = nil
    ) {
        self.contactId = contactId
        self.customerId = customerId
        self.name = name
        self.title = title
        self.emails = emails
        self.phones = phones
        self.role = role
    }
}

extension ContactAdded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        contactId = try fields.string("contactId")
        customerId = try fields.stringIfPresent("customerId")
        name = try fields.string("name")
        title = try fields.stringIfPresent("title")
        emails = try fields.strings("emails")
        phones = try fields.strings("phones")
        role = try fields.stringIfPresent("role")
    }
}

extension ContactAdded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("contactId", contactId)
        try fields.stringIfPresent("customerId", customerId)
        try fields.string("name", name)
        try fields.stringIfPresent("title", title)
        try fields.strings("emails", emails)
        try fields.strings("phones", phones)
        try fields.stringIfPresent("role", role)
    }
}
