// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A user exported data (operation log, leak prevention).
///
/// Stream: `user-<userId>`. Schema version 1.
public struct DataExported: Event, Hashable {
    /// The stable type name, `DataExported`.
    public static let eventType = "DataExported"
    /// The user.
    public var userId: String
    /// What was exported.
    public var scope: String
    /// How many records.
    public var recordCount: Int
    /// The format.
    public var format: String

    /// Creates the event from its fields.
    public init(userId: String, scope: String, recordCount: Int, format: String) {
        self.userId = userId
        self.scope = scope
        self.recordCount = recordCount
        self.format = format
    }
}

extension DataExported: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        userId = try fields.string("userId")
        scope = try fields.string("scope")
        recordCount = try fields.int("recordCount")
        format = try fields.string("format")
    }
}

extension DataExported: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("userId", userId)
        try fields.string("scope", scope)
        try fields.int("recordCount", recordCount)
        try fields.string("format", format)
    }
}
