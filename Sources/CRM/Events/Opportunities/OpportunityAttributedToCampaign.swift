// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// Part of an opportunity was attributed to a campaign (multi-touch attribution).
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityAttributedToCampaign: Event, Hashable {
    /// The stable type name, `OpportunityAttributedToCampaign`.
    public static let eventType = "OpportunityAttributedToCampaign"
    /// The opportunity.
    public var opportunityId: String
    /// The campaign.
    public var campaignId: String
    /// The attribution model.
    public var model: String
    /// The campaign's share, in percent.
    public var influencePercent: Int

    /// Creates the event from its fields.
    public init(opportunityId: String, campaignId: String, model: String, influencePercent: Int) {
        self.opportunityId = opportunityId
        self.campaignId = campaignId
        self.model = model
        self.influencePercent = influencePercent
    }
}

extension OpportunityAttributedToCampaign: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        campaignId = try fields.string("campaignId")
        model = try fields.string("model")
        influencePercent = try fields.int("influencePercent")
    }
}

extension OpportunityAttributedToCampaign: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.string("campaignId", campaignId)
        try fields.string("model", model)
        try fields.int("influencePercent", influencePercent)
    }
}
