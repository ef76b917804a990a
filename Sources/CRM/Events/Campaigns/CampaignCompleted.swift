// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A running campaign was completed.
///
/// Stream: `campaign-<campaignId>`. Schema version 1.
public struct CampaignCompleted: Event, Hashable {
    /// The stable type name, `CampaignCompleted`.
    public static let eventType = "CampaignCompleted"
    /// The campaign.
    public var campaignId: String

    /// Creates the event from its fields.
    public init(campaignId: String) {
        self.campaignId = campaignId
    }
}

extension CampaignCompleted: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        campaignId = try fields.string("campaignId")
    }
}

extension CampaignCompleted: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("campaignId", campaignId)
    }
}
