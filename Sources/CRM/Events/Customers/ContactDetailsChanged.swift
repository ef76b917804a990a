// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A contact's details were changed, field by field.
///
/// Stream: `contact-<contactId>`. Schema version 1.
public struct ContactDetailsChanged: PersonalData, Hashable {
    /// The stable type name, `ContactDetailsChanged`.
    public static let eventType = "ContactDetailsChanged"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["changes.old", "changes.new"]
    /// The contact.
    public var contactId: String
    /// The changed fields.
    public var changes: [FieldChange]
    /// Why they changed.
    public var reason: ChangeReason

    /// Creates the event from its fields.
    public init(contactId: String, changes: [FieldChange], reason: ChangeReason) {
        self.contactId = contactId
        self.changes = changes
        self.reason = reason
    }
}

extension ContactDetailsChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        contactId = try fields.string("contactId")
        changes = try fields.array(of: FieldChange.self, "changes")
        reason = try fields.value(ChangeReason.self, "reason")
    }
}

extension ContactDetailsChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("contactId", contactId)
        try fields.array("changes", changes)
        try fields.value("reason", reason)
    }
}
