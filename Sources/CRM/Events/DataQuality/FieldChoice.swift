// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// Which record a merged field's value was taken from.
public struct FieldChoice: Codable, Sendable, Hashable {
    /// The field.
    public var field: String
    /// The record whose value was kept.
    public var sourceRecordId: String

    /// Creates the value from its fields.
    public init(field: String, sourceRecordId: String) {
        self.field = field
        self.sourceRecordId = sourceRecordId
    }
}

extension FieldChoice: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        field = try fields.string("field")
        sourceRecordId = try fields.string("sourceRecordId")
    }
}

extension FieldChoice: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("field", field)
        try fields.string("sourceRecordId", sourceRecordId)
    }
}
