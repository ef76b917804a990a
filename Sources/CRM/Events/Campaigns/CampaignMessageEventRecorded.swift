// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// Something happened to a campaign message sent to a member (open and click rates).
///
/// Stream: `campaign-<campaignId>`. Schema version 1.
public struct CampaignMessageEventRecorded: Event, Hashable {
    /// The stable type name, `CampaignMessageEventRecorded`.
    public static let eventType = "CampaignMessageEventRecorded"
    /// The campaign.
    public var campaignId: String
    /// The member.
    public var member: EntityRef
    /// What happened.
    public var action: CampaignMessageAction
    /// The link, for clicks.
    public var url: String?
    /// When.
    public var at: Timestamp

    /// Creates the event from its fields.
    public init(
        campaignId: String,
        member: EntityRef,
        action: CampaignMessageAction,
        url: String? = nil,
        at: Timestamp
    ) {
        self.campaignId = campaignId
        self.member = member
        self.action = action
        self.url = url
        self.at = at
    }
}

extension CampaignMessageEventRecorded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        campaignId = try fields.string("campaignId")
        member = try fields.decode(EntityRef.self, "member")
        action = try fields.value(CampaignMessageAction.self, "action")
        url = try fields.stringIfPresent("url")
        at = try fields.timestamp("at")
    }
}

extension CampaignMessageEventRecorded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("campaignId", campaignId)
        try fields.encode("member", member)
        try fields.value("action", action)
        try fields.stringIfPresent("url", url)
        try fields.timestamp("at", at)
    }
}
