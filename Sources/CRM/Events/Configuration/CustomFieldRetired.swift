// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A custom field was retired: no new values may be set; recorded values stay.
///
/// Stream: `config-customfields`. Schema version 1.
public struct CustomFieldRetired: Event, Hashable {
    /// The stable type name, `CustomFieldRetired`.
    public static let eventType = "CustomFieldRetired"
    /// The kind of record.
    public var entityKind: EntityKind
    /// The field's key.
    public var fieldKey: String
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(entityKind: EntityKind, fieldKey: String, reason: String) {
        self.entityKind = entityKind
        self.fieldKey = fieldKey
        self.reason = reason
    }
}

extension CustomFieldRetired: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        entityKind = try fields.value(EntityKind.self, "entityKind")
        fieldKey = try fields.string("fieldKey")
        reason = try fields.string("reason")
    }
}

extension CustomFieldRetired: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.value("entityKind", entityKind)
        try fields.string("fieldKey", fieldKey)
        try fields.string("reason", reason)
    }
}
