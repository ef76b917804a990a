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
