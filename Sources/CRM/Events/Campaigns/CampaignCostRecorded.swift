// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A cost of a campaign was recorded (counted once per campaign for ROI).
///
/// Stream: `campaign-<campaignId>`. Schema version 1.
public struct CampaignCostRecorded: Event, Hashable {
    /// The stable type name, `CampaignCostRecorded`.
    public static let eventType = "CampaignCostRecorded"
    /// The campaign.
    public var campaignId: String
    /// The cost.
    public var amount: Money
    /// What it was spent on.
    public var category: String
    /// When.
    public var incurredOn: LocalDate

    /// Creates the event from its fields.
    public init(campaignId: String, amount: Money, category: String, incurredOn: LocalDate) {
        self.campaignId = campaignId
        self.amount = amount
        self.category = category
        self.incurredOn = incurredOn
    }
}

extension CampaignCostRecorded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        campaignId = try fields.string("campaignId")
        amount = try fields.decode(Money.self, "amount")
        category = try fields.string("category")
        incurredOn = try fields.text(LocalDate.self, "incurredOn")
    }
}

extension CampaignCostRecorded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("campaignId", campaignId)
        try fields.encode("amount", amount)
        try fields.string("category", category)
        try fields.text("incurredOn", incurredOn)
    }
}
