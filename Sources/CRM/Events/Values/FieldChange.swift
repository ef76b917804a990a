// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// One changed field: its name, the value before and the value after ((personal data) when the field holds personal data).
public struct FieldChange: Codable, Sendable, Hashable {
    /// The field's name.
    public var field: String
    /// The value before (absent when the field was empty). (personal data)
    public var old: String?
    /// The value after (absent when the field was cleared). (personal data)
    public var new: String?

    /// Creates the value from its fields.
    public init(field: String, old: String? = nil, new: String? = nil) {
        self.field = field
        self.old = old
        self.new = new
    }
}

extension FieldChange: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        field = try fields.string("field")
        old = try fields.stringIfPresent("old")
        new = try fields.stringIfPresent("new")
    }
}

extension FieldChange: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("field", field)
        try fields.stringIfPresent("old", old)
        try fields.stringIfPresent("new", new)
    }
}
