// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A campaign was cancelled.
///
/// Stream: `campaign-<campaignId>`. Schema version 1.
public struct CampaignCancelled: Event, Hashable {
    /// The stable type name, `CampaignCancelled`.
    public static let eventType = "CampaignCancelled"
    /// The campaign.
    public var campaignId: String
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(campaignId: String, reason: String) {
        self.campaignId = campaignId
        self.reason = reason
    }
}

extension CampaignCancelled: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        campaignId = try fields.string("campaignId")
        reason = try fields.string("reason")
    }
}

extension CampaignCancelled: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("campaignId", campaignId)
        try fields.string("reason", reason)
    }
}
