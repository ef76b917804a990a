// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A suspected duplicate was reviewed and dismissed: these records are different.
///
/// Stream: `customer-<first id>`. Schema version 1.
public struct DuplicateDismissed: Event, Hashable {
    /// The stable type name, `DuplicateDismissed`.
    public static let eventType = "DuplicateDismissed"
    /// The kind of records.
    public var entityKind: EntityKind
    /// The records that are not duplicates.
    public var recordIds: [String]
    /// Why.
    public var note: String?

    /// Creates the event from its fields.
    public init(entityKind: EntityKind, recordIds: [String], note: String? = nil) {
        self.entityKind = entityKind
        self.recordIds = recordIds
        self.note = note
    }
}

extension DuplicateDismissed: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        entityKind = try fields.value(EntityKind.self, "entityKind")
        recordIds = try fields.strings("recordIds")
        note = try fields.stringIfPresent("note")
    }
}

extension DuplicateDismissed: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.value("entityKind", entityKind)
        try fields.strings("recordIds", recordIds)
        try fields.stringIfPresent("note", note)
    }
}
