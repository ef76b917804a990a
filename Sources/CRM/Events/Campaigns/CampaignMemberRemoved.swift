// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A member was removed from a campaign.
///
/// Stream: `campaign-<campaignId>`. Schema version 1.
public struct CampaignMemberRemoved: Event, Hashable {
    /// The stable type name, `CampaignMemberRemoved`.
    public static let eventType = "CampaignMemberRemoved"
    /// The campaign.
    public var campaignId: String
    /// The lead or contact.
    public var member: EntityRef

    /// Creates the event from its fields.
    public init(campaignId: String, member: EntityRef) {
        self.campaignId = campaignId
        self.member = member
    }
}

extension CampaignMemberRemoved: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        campaignId = try fields.string("campaignId")
        member = try fields.decode(EntityRef.self, "member")
    }
}

extension CampaignMemberRemoved: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("campaignId", campaignId)
        try fields.encode("member", member)
    }
}
