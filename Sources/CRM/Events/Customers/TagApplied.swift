// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A tag was applied to a record (classification by purchase history, preferences or behaviour).
///
/// Stream: `<entity stream>`. Schema version 1.
public struct TagApplied: Event, Hashable {
    /// The stable type name, `TagApplied`.
    public static let eventType = "TagApplied"
    /// The record.
    public var entity: EntityRef
    /// The tag, normalised to lowercase.
    public var tag: String

    /// Creates the event from its fields.
    public init(entity: EntityRef, tag: String) {
        self.entity = entity
        self.tag = tag
    }
}

extension TagApplied: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        entity = try fields.decode(EntityRef.self, "entity")
        tag = try fields.string("tag")
    }
}

extension TagApplied: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encode("entity", entity)
        try fields.string("tag", tag)
    }
}
