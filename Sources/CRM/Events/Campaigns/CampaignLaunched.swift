// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A planned campaign was launched.
///
/// Stream: `campaign-<campaignId>`. Schema version 1.
public struct CampaignLaunched: Event, Hashable {
    /// The stable type name, `CampaignLaunched`.
    public static let eventType = "CampaignLaunched"
    /// The campaign.
    public var campaignId: String

    /// Creates the event from its fields.
    public init(campaignId: String) {
        self.campaignId = campaignId
    }
}

extension CampaignLaunched: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        campaignId = try fields.string("campaignId")
    }
}

extension CampaignLaunched: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("campaignId", campaignId)
    }
}
