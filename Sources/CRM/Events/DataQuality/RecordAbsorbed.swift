// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A record was merged into another (written to the absorbed record's stream); its id now resolves to the survivor.
///
/// Stream: `<absorbed stream>`. Schema version 1.
public struct RecordAbsorbed: Event, Hashable {
    /// The stable type name, `RecordAbsorbed`.
    public static let eventType = "RecordAbsorbed"
    /// The kind of record.
    public var entityKind: EntityKind
    /// This record.
    public var absorbedId: String
    /// The record it was merged into.
    public var survivorId: String
    /// The `RecordsMerged` event.
    public var mergeEventId: EventID

    /// Creates the event from its fields.
    public init(entityKind: EntityKind, absorbedId: String, survivorId: String, mergeEventId: EventID) {
        self.entityKind = entityKind
        self.absorbedId = absorbedId
        self.survivorId = survivorId
        self.mergeEventId = mergeEventId
    }
}

extension RecordAbsorbed: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        entityKind = try fields.value(EntityKind.self, "entityKind")
        absorbedId = try fields.string("absorbedId")
        survivorId = try fields.string("survivorId")
        mergeEventId = try fields.decode(EventID.self, "mergeEventId")
    }
}

extension RecordAbsorbed: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.value("entityKind", entityKind)
        try fields.string("absorbedId", absorbedId)
        try fields.string("survivorId", survivorId)
        try fields.encode("mergeEventId", mergeEventId)
    }
}
