// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A batch of records was imported from another system (provenance for the imported facts).
///
/// Stream: `import-<batchId>`. Schema version 1.
public struct ImportBatchApplied: Event, Hashable {
    /// The stable type name, `ImportBatchApplied`.
    public static let eventType = "ImportBatchApplied"
    /// The batch.
    public var batchId: String
    /// Where the records came from.
    public var source: String
    /// How many records it held.
    public var recordCount: Int
    /// The field mapping used.
    public var mapping: String?

    /// Creates the event from its fields.
    public init(batchId: String, source: String, recordCount: Int, mapping: String? = nil) {
        self.batchId = batchId
        self.source = source
        self.recordCount = recordCount
        self.mapping = mapping
    }
}

extension ImportBatchApplied: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        batchId = try fields.string("batchId")
        source = try fields.string("source")
        recordCount = try fields.int("recordCount")
        mapping = try fields.stringIfPresent("mapping")
    }
}

extension ImportBatchApplied: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("batchId", batchId)
        try fields.string("source", source)
        try fields.int("recordCount", recordCount)
        try fields.stringIfPresent("mapping", mapping)
    }
}
