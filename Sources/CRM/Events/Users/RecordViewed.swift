// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A user viewed a record (optional, high-volume access log).
///
/// Stream: `user-<userId>`. Schema version 1.
public struct RecordViewed: Event, Hashable {
    /// The stable type name, `RecordViewed`.
    public static let eventType = "RecordViewed"
    /// The user.
    public var userId: String
    /// The record.
    public var entity: EntityRef

    /// Creates the event from its fields.
    public init(userId: String, entity: EntityRef) {
        self.userId = userId
        self.entity = entity
    }
}

extension RecordViewed: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        userId = try fields.string("userId")
        entity = try fields.decode(EntityRef.self, "entity")
    }
}

extension RecordViewed: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("userId", userId)
        try fields.encode("entity", entity)
    }
}
