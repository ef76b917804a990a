// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A tag was removed from a record.
///
/// Stream: `<entity stream>`. Schema version 1.
public struct TagRemoved: Event, Hashable {
    /// The stable type name, `TagRemoved`.
    public static let eventType = "TagRemoved"
    /// The record.
    public var entity: EntityRef
    /// The tag.
    public var tag: String

    /// Creates the event from its fields.
    public init(entity: EntityRef, tag: String) {
        self.entity = entity
        self.tag = tag
    }
}

extension TagRemoved: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        entity = try fields.decode(EntityRef.self, "entity")
        tag = try fields.string("tag")
    }
}

extension TagRemoved: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encode("entity", entity)
        try fields.string("tag", tag)
    }
}
