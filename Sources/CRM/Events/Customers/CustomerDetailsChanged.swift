// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A customer's details were changed (an edit, a cleansing, a sync), field by field.
///
/// Stream: `customer-<customerId>`. Schema version 1.
public struct CustomerDetailsChanged: PersonalData, Hashable {
    /// The stable type name, `CustomerDetailsChanged`.
    public static let eventType = "CustomerDetailsChanged"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["changes.old", "changes.new"]
    /// The customer.
    public var customerId: String
    /// The changed fields.
    public var changes: [FieldChange]
    /// Why they changed.
    public var reason: ChangeReason

    /// Creates the event from its fields.
    public init(customerId: String, changes: [FieldChange], reason: ChangeReason) {
        self.customerId = customerId
        self.changes = changes
        self.reason = reason
    }
}

extension CustomerDetailsChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        changes = try fields.array(of: FieldChange.self, "changes")
        reason = try fields.value(ChangeReason.self, "reason")
    }
}

extension CustomerDetailsChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.array("changes", changes)
        try fields.value("reason", reason)
    }
}
