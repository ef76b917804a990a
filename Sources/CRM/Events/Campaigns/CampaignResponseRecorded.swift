// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A member responded to a campaign (their member status changed).
///
/// Stream: `campaign-<campaignId>`. Schema version 1.
public struct CampaignResponseRecorded: Event, Hashable {
    /// The stable type name, `CampaignResponseRecorded`.
    public static let eventType = "CampaignResponseRecorded"
    /// The campaign.
    public var campaignId: String
    /// The member.
    public var member: EntityRef
    /// The new member status.
    public var status: String
    /// Whether the status counts as a response.
    public var responded: Bool

    /// Creates the event from its fields.
    public init(campaignId: String, member: EntityRef, status: String, responded: Bool) {
        self.campaignId = campaignId
        self.member = member
        self.status = status
        self.responded = responded
    }
}

extension CampaignResponseRecorded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        campaignId = try fields.string("campaignId")
        member = try fields.decode(EntityRef.self, "member")
        status = try fields.string("status")
        responded = try fields.bool("responded")
    }
}

extension CampaignResponseRecorded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("campaignId", campaignId)
        try fields.encode("member", member)
        try fields.string("status", status)
        try fields.bool("responded", responded)
    }
}
