// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// Records were merged into a survivor (written to the survivor's stream).
///
/// Stream: `<survivor stream>`. Schema version 1.
public struct RecordsMerged: Event, Hashable {
    /// The stable type name, `RecordsMerged`.
    public static let eventType = "RecordsMerged"
    /// The kind of records.
    public var entityKind: EntityKind
    /// The record that survives.
    public var survivorId: String
    /// The records merged into it.
    public var absorbedIds: [String]
    /// Which record each chosen field came from.
    public var fieldChoices: [FieldChoice]
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(
        entityKind: EntityKind,
        survivorId: String,
        absorbedIds: [String],
        fieldChoices: [FieldChoice],
        reason: String
    ) {
        self.entityKind = entityKind
        self.survivorId = survivorId
        self.absorbedIds = absorbedIds
        self.fieldChoices = fieldChoices
        self.reason = reason
    }
}

extension RecordsMerged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        entityKind = try fields.value(EntityKind.self, "entityKind")
        survivorId = try fields.string("survivorId")
        absorbedIds = try fields.strings("absorbedIds")
        fieldChoices = try fields.array(of: FieldChoice.self, "fieldChoices")
        reason = try fields.string("reason")
    }
}

extension RecordsMerged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.value("entityKind", entityKind)
        try fields.string("survivorId", survivorId)
        try fields.strings("absorbedIds", absorbedIds)
        try fields.array("fieldChoices", fieldChoices)
        try fields.string("reason", reason)
    }
}
