// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// Browsing or other website behaviour of a customer, contact or lead was recorded.
///
/// Stream: `customer-<id>, contact-<id> or lead-<id>`. Schema version 1.
public struct DigitalEngagementRecorded: Event, Hashable {
    /// The stable type name, `DigitalEngagementRecorded`.
    public static let eventType = "DigitalEngagementRecorded"
    /// Who engaged.
    public var subject: EntityRef
    /// What they did.
    public var kind: EngagementKind
    /// The page or link.
    public var url: String?
    /// The campaign it belongs to.
    public var campaignId: String?
    /// When (microseconds since 1970).
    public var at: Timestamp

    /// Creates the event from its fields.
    public init(
        subject: EntityRef,
        kind: EngagementKind,
        url: String? = nil,
        campaignId: String? = nil,
        at: Timestamp
    ) {
        self.subject = subject
        self.kind = kind
        self.url = url
        self.campaignId = campaignId
        self.at = at
    }
}

extension DigitalEngagementRecorded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        subject = try fields.decode(EntityRef.self, "subject")
        kind = try fields.value(EngagementKind.self, "kind")
        url = try fields.stringIfPresent("url")
        campaignId = try fields.stringIfPresent("campaignId")
        at = try fields.timestamp("at")
    }
}

extension DigitalEngagementRecorded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encode("subject", subject)
        try fields.value("kind", kind)
        try fields.stringIfPresent("url", url)
        try fields.stringIfPresent("campaignId", campaignId)
        try fields.timestamp("at", at)
    }
}
