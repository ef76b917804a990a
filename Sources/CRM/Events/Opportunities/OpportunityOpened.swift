// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// An opportunity was opened in a pipeline stage, with its amount, expected close date and source.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityOpened: Event, Hashable {
    /// The stable type name, `OpportunityOpened`.
    public static let eventType = "OpportunityOpened"
    /// The opportunity's identifier.
    public var opportunityId: String
    /// The customer.
    public var customerId: String
    /// The main contact.
    public var primaryContactId: String?
    /// The opportunity's name.
    public var name: String
    /// The pipeline.
    public var pipelineId: String
    /// The pipeline's version.
    public var pipelineVersion: Int
    /// The stage, as it was configured.
    public var stage: StageSnapshot
    /// The expected amount.
    public var amount: Money
    /// When it is expected to close.
    public var expectedCloseDate: LocalDate
    /// The responsible user.
    public var ownerId: String?
    /// New, existing or renewal business.
    public var type: OpportunityType
    /// Where it came from.
    public var source: AcquisitionChannel?
    /// The lead it came from.
    public var sourceLeadId: String?
    /// The campaign credited with it.
    public var primaryCampaignId: String?

    /// Creates the event from its fields.
    public init(
        opportunityId: String,
        customerId: String,
        primaryContactId: String? = nil,
        name: String,
        pipelineId: String,
        pipelineVersion: Int,
        stage: StageSnapshot,
        amount: Money,
        expectedCloseDate: LocalDate,
        ownerId: String? = nil,
        type: OpportunityType,
        source: AcquisitionChannel? = nil,
        sourceLeadId: String? = nil,
        primaryCampaignId: String? = nil
    ) {
        self.opportunityId = opportunityId
        self.customerId = customerId
        self.primaryContactId = primaryContactId
        self.name = name
        self.pipelineId = pipelineId
        self.pipelineVersion = pipelineVersion
        self.stage = stage
        self.amount = amount
        self.expectedCloseDate = expectedCloseDate
        self.ownerId = ownerId
        self.type = type
        self.source = source
        self.sourceLeadId = sourceLeadId
        self.primaryCampaignId = primaryCampaignId
    }
}

extension OpportunityOpened: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        customerId = try fields.string("customerId")
        primaryContactId = try fields.stringIfPresent("primaryContactId")
        name = try fields.string("name")
        pipelineId = try fields.string("pipelineId")
        pipelineVersion = try fields.int("pipelineVersion")
        stage = try fields.decode(StageSnapshot.self, "stage")
        amount = try fields.decode(Money.self, "amount")
        expectedCloseDate = try fields.text(LocalDate.self, "expectedCloseDate")
        ownerId = try fields.stringIfPresent("ownerId")
        type = try fields.value(OpportunityType.self, "type")
        source = try fields.valueIfPresent(AcquisitionChannel.self, "source")
        sourceLeadId = try fields.stringIfPresent("sourceLeadId")
        primaryCampaignId = try fields.stringIfPresent("primaryCampaignId")
    }
}

extension OpportunityOpened: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.string("customerId", customerId)
        try fields.stringIfPresent("primaryContactId", primaryContactId)
        try fields.string("name", name)
        try fields.string("pipelineId", pipelineId)
        try fields.int("pipelineVersion", pipelineVersion)
        try fields.encode("stage", stage)
        try fields.encode("amount", amount)
        try fields.text("expectedCloseDate", expectedCloseDate)
        try fields.stringIfPresent("ownerId", ownerId)
        try fields.value("type", type)
        try fields.valueIfPresent("source", source)
        try fields.stringIfPresent("sourceLeadId", sourceLeadId)
        try fields.stringIfPresent("primaryCampaignId", primaryCampaignId)
    }
}
