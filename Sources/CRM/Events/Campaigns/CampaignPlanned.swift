// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A campaign was planned: type, goal, audience, dates, budget and member statuses.
///
/// Stream: `campaign-<campaignId>`. Schema version 1.
public struct CampaignPlanned: Event, Hashable {
    /// The stable type name, `CampaignPlanned`.
    public static let eventType = "CampaignPlanned"
    /// The campaign's identifier.
    public var campaignId: String
    /// The name.
    public var name: String
    /// The type.
    public var type: CampaignType
    /// The goal.
    public var objective: String
    /// Who it targets.
    public var targetAudience: String?
    /// When it starts.
    public var startDate: LocalDate
    /// When it ends.
    public var endDate: LocalDate
    /// The budget.
    public var budgetedCost: Money
    /// The expected revenue.
    public var expectedRevenue: Money?
    /// The expected response rate, in percent.
    public var expectedResponseRate: Int?
    /// The parent campaign.
    public var parentCampaignId: String?
    /// The member statuses.
    public var memberStatuses: [MemberStatus]

    /// Creates the event from its fields.
    public init(
        campaignId: String,
        name: String,
        type: CampaignType,
        objective: String,
        targetAudience: String? = nil,
        startDate: LocalDate,
        endDate: LocalDate,
        budgetedCost: Money,
        expectedRevenue: Money? = nil,
        expectedResponseRate: Int? = nil,
        parentCampaignId: String? = nil,
        memberStatuses: [MemberStatus]
    ) {
        self.campaignId = campaignId
        self.name = name
        self.type = type
        self.objective = objective
        self.targetAudience = targetAudience
        self.startDate = startDate
        self.endDate = endDate
        self.budgetedCost = budgetedCost
        self.expectedRevenue = expectedRevenue
        self.expectedResponseRate = expectedResponseRate
        self.parentCampaignId = parentCampaignId
        self.memberStatuses = memberStatuses
    }
}

extension CampaignPlanned: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        campaignId = try fields.string("campaignId")
        name = try fields.string("name")
        type = try fields.value(CampaignType.self, "type")
        objective = try fields.string("objective")
        targetAudience = try fields.stringIfPresent("targetAudience")
        startDate = try fields.text(LocalDate.self, "startDate")
        endDate = try fields.text(LocalDate.self, "endDate")
        budgetedCost = try fields.decode(Money.self, "budgetedCost")
        expectedRevenue = try fields.decodeIfPresent(Money.self, "expectedRevenue")
        expectedResponseRate = try fields.intIfPresent("expectedResponseRate")
        parentCampaignId = try fields.stringIfPresent("parentCampaignId")
        memberStatuses = try fields.array(of: MemberStatus.self, "memberStatuses")
    }
}

extension CampaignPlanned: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("campaignId", campaignId)
        try fields.string("name", name)
        try fields.value("type", type)
        try fields.string("objective", objective)
        try fields.stringIfPresent("targetAudience", targetAudience)
        try fields.text("startDate", startDate)
        try fields.text("endDate", endDate)
        try fields.encode("budgetedCost", budgetedCost)
        try fields.encodeIfPresent("expectedRevenue", expectedRevenue)
        try fields.intIfPresent("expectedResponseRate", expectedResponseRate)
        try fields.stringIfPresent("parentCampaignId", parentCampaignId)
        try fields.array("memberStatuses", memberStatuses)
    }
}
