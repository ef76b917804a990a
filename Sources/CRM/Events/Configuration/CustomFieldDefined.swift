// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A user-defined field was added to a kind of record.
///
/// Stream: `config-customfields`. Schema version 1.
public struct CustomFieldDefined: Event, Hashable {
    /// The stable type name, `CustomFieldDefined`.
    public static let eventType = "CustomFieldDefined"
    /// The kind of record that gets the field.
    public var entityKind: EntityKind
    /// The field's stable key.
    public var fieldKey: String
    /// The field's label.
    public var label: String
    /// The field's data type.
    public var dataType: CustomFieldType
    /// The allowed values of a choice field (empty otherwise).
    public var options: [String]
    /// Whether the field holds personal data.
    public var isPII: Bool

    /// Creates the event from its fields.
    public init(
        entityKind: EntityKind,
        fieldKey: String,
        label: String,
        dataType: CustomFieldType,
        options: [String],
        isPII: Bool
    ) {
        self.entityKind = entityKind
        self.fieldKey = fieldKey
        self.label = label
        self.dataType = dataType
        self.options = options
        self.isPII = isPII
    }
}

extension CustomFieldDefined: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        entityKind = try fields.value(EntityKind.self, "entityKind")
        fieldKey = try fields.string("fieldKey")
        label = try fields.string("label")
        dataType = try fields.value(CustomFieldType.self, "dataType")
        options = try fields.strings("options")
        isPII = try fields.bool("isPII")
    }
}

extension CustomFieldDefined: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.value("entityKind", entityKind)
        try fields.string("fieldKey", fieldKey)
        try fields.string("label", label)
        try fields.value("dataType", dataType)
        try fields.strings("options", options)
        try fields.bool("isPII", isPII)
    }
}
