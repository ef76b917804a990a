// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A reference to a record: its kind and identifier.
public struct EntityRef: Codable, Sendable, Hashable {
    /// What kind of record it is.
    public var kind: EntityKind
    /// The record's identifier.
    public var id: String

    /// Creates the value from its fields.
    public init(kind: EntityKind, id: String) {
        self.kind = kind
        self.id = id
    }
}

extension EntityRef: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        kind = try fields.value(EntityKind.self, "kind")
        id = try fields.string("id")
    }
}

extension EntityRef: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.value("kind", kind)
        try fields.string("id", id)
    }
}
