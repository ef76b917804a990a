// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A custom field of a record got a value ((personal data) when the field is PII); written to the record's own stream.
///
/// Stream: `<entity stream>`. Schema version 1.
public struct CustomFieldValueSet: PersonalData, Hashable {
    /// The stable type name, `CustomFieldValueSet`.
    public static let eventType = "CustomFieldValueSet"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["old", "new"]
    /// The record.
    public var entity: EntityRef
    /// The field's key.
    public var fieldKey: String
    /// The previous value. (personal data)
    public var old: String?
    /// The new value (absent: cleared). (personal data)
    public var new: String?

    /// Creates the event from its fields.
    public init(entity: EntityRef, fieldKey: String, old: String? = nil, new: String? = nil) {
        self.entity = entity
        self.fieldKey = fieldKey
        self.old = old
        self.new = new
    }
}

extension CustomFieldValueSet: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        entity = try fields.decode(EntityRef.self, "entity")
        fieldKey = try fields.string("fieldKey")
        old = try fields.stringIfPresent("old")
        new = try fields.stringIfPresent("new")
    }
}

extension CustomFieldValueSet: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encode("entity", entity)
        try fields.string("fieldKey", fieldKey)
        try fields.stringIfPresent("old", old)
        try fields.stringIfPresent("new", new)
    }
}
