// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// Campaign tracking parameters of a web visit.
public struct UTMParameters: Codable, Sendable, Hashable {
    /// `utm_campaign`.
    public var campaign: String?
    /// `utm_medium`.
    public var medium: String?
    /// `utm_source`.
    public var source: String?

    /// Creates the value from its fields.
    public init(campaign: String? = nil, medium: String? = nil, source: String? = nil) {
        self.campaign = campaign
        self.medium = medium
        self.source = source
    }
}

extension UTMParameters: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        campaign = try fields.stringIfPresent("campaign")
        medium = try fields.stringIfPresent("medium")
        source = try fields.stringIfPresent("source")
    }
}

extension UTMParameters: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.stringIfPresent("campaign", campaign)
        try fields.stringIfPresent("medium", medium)
        try fields.stringIfPresent("source", source)
    }
}
