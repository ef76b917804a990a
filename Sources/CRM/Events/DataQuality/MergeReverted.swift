// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A merge was undone: the absorbed records stand on their own again (written to the survivor and to each restored stream).
///
/// Stream: `<survivor stream> and each <absorbed stream>`. Schema version 1.
public struct MergeReverted: Event, Hashable {
    /// The stable type name, `MergeReverted`.
    public static let eventType = "MergeReverted"
    /// The kind of records.
    public var entityKind: EntityKind
    /// The `RecordsMerged` event undone.
    public var mergeEventId: EventID
    /// The survivor of the merge.
    public var survivorId: String
    /// The records restored.
    public var restoredIds: [String]
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(
        entityKind: EntityKind,
        mergeEventId: EventID,
        survivorId: String,
        restoredIds: [String],
        reason: String
    ) {
        self.entityKind = entityKind
        self.mergeEventId = mergeEventId
        self.survivorId = survivorId
        self.restoredIds = restoredIds
        self.reason = reason
    }
}

extension MergeReverted: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        entityKind = try fields.value(EntityKind.self, "entityKind")
        mergeEventId = try fields.decode(EventID.self, "mergeEventId")
        survivorId = try fields.string("survivorId")
        restoredIds = try fields.strings("restoredIds")
        reason = try fields.string("reason")
    }
}

extension MergeReverted: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.value("entityKind", entityKind)
        try fields.encode("mergeEventId", mergeEventId)
        try fields.string("survivorId", survivorId)
        try fields.strings("restoredIds", restoredIds)
        try fields.string("reason", reason)
    }
}
