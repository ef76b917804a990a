// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A lead or contact became a member (target) of a campaign.
///
/// Stream: `campaign-<campaignId>`. Schema version 1.
public struct CampaignMemberAdded: Event, Hashable {
    /// The stable type name, `CampaignMemberAdded`.
    public static let eventType = "CampaignMemberAdded"
    /// The campaign.
    public var campaignId: String
    /// The lead or contact.
    public var member: EntityRef
    /// The member's status.
    public var status: String

    /// Creates the event from its fields.
    public init(campaignId: String, member: EntityRef, status: String) {
        self.campaignId = campaignId
        self.member = member
        self.status = status
    }
}

extension CampaignMemberAdded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        campaignId = try fields.string("campaignId")
        member = try fields.decode(EntityRef.self, "member")
        status = try fields.string("status")
    }
}

extension CampaignMemberAdded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("campaignId", campaignId)
        try fields.encode("member", member)
        try fields.string("status", status)
    }
}
