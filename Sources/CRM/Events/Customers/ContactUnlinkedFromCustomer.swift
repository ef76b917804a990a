// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A contact was unlinked from a customer.
///
/// Stream: `contact-<contactId>`. Schema version 1.
public struct ContactUnlinkedFromCustomer: Event, Hashable {
    /// The stable type name, `ContactUnlinkedFromCustomer`.
    public static let eventType = "ContactUnlinkedFromCustomer"
    /// The contact.
    public var contactId: String
    /// The customer.
    public var customerId: String

    /// Creates the event from its fields.
    public init(contactId: String, customerId: String) {
        self.contactId = contactId
        self.customerId = customerId
    }
}

extension ContactUnlinkedFromCustomer: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        contactId = try fields.string("contactId")
        customerId = try fields.string("customerId")
    }
}

extension ContactUnlinkedFromCustomer: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("contactId", contactId)
        try fields.string("customerId", customerId)
    }
}
