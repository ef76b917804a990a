// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A configured reason for losing a deal.
public struct LostReason: Codable, Sendable, Hashable {
    /// The reason's stable code.
    public var code: String
    /// The reason's label.
    public var label: String
    /// Whether a note must explain it (as for "other").
    public var requiresNote: Bool

    /// Creates the value from its fields.
    public init(code: String, label: String, requiresNote: Bool) {
        self.code = code
        self.label = label
        self.requiresNote = requiresNote
    }
}

extension LostReason: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        code = try fields.string("code")
        label = try fields.string("label")
        requiresNote = try fields.bool("requiresNote")
    }
}

extension LostReason: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("code", code)
        try fields.string("label", label)
        try fields.bool("requiresNote", requiresNote)
    }
}
