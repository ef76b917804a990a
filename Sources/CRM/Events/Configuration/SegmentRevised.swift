// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A segment's rule was revised.
///
/// Stream: `segment-<segmentId>`. Schema version 1.
public struct SegmentRevised: Event, Hashable {
    /// The stable type name, `SegmentRevised`.
    public static let eventType = "SegmentRevised"
    /// The segment's identifier.
    public var segmentId: String
    /// The new version.
    public var version: Int
    /// The segment's name.
    public var name: String
    /// The new rule.
    public var ruleSpec: String

    /// Creates the event from its fields.
    public init(segmentId: String, version: Int, name: String, ruleSpec: String) {
        self.segmentId = segmentId
        self.version = version
        self.name = name
        self.ruleSpec = ruleSpec
    }
}

extension SegmentRevised: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        segmentId = try fields.string("segmentId")
        version = try fields.int("version")
        name = try fields.string("name")
        ruleSpec = try fields.string("ruleSpec")
    }
}

extension SegmentRevised: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("segmentId", segmentId)
        try fields.int("version", version)
        try fields.string("name", name)
        try fields.string("ruleSpec", ruleSpec)
    }
}
