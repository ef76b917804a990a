// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A customer (an organisation or a person) was registered, with its profile, the channel it came from and its initial lifecycle stage.
///
/// Stream: `customer-<customerId>`. Schema version 1.
public struct CustomerRegistered: PersonalData, Hashable {
    /// The stable type name, `CustomerRegistered`.
    public static let eventType = "CustomerRegistered"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["name", "address", "email", "phone"]
    /// The customer's identifier.
    public var customerId: String
    /// Organisation or person.
    public var kind: CustomerKind
    /// The customer's name. (personal data)
    public var name: String
    /// The industry.
    public var industry: String?
    /// The company's size.
    public var sizeBand: CompanySizeBand?
    /// The address. (personal data)
    public var address: PostalAddress?
    /// The main e-mail address. (personal data)
    public var email: String?
    /// The main phone number. (personal data)
    public var phone: String?
    /// The website.
    public var website: String?
    /// Company background.
    public var background: String?
    /// Needs, interests and preferences as tags.
    public var interests: [String]
    /// Where the customer came from.
    public var source: AcquisitionChannel
    /// The campaign that brought the customer, if any.
    public var campaignId: String?
    /// The responsible user.
    public var ownerId: String?
    /// The initial lifecycle stage.
    public var lifecycleStage: String
    /// The lifecycle policy version that chose the stage (0: none defined).
    public var lifecyclePolicyVersion: Int

    /// Creates the event from its fields.
    public init(
        customerId: String,
        kind: CustomerKind,
        name: String,
        industry: String? = nil,
        sizeBand: CompanySizeBand? = nil,
        address: PostalAddress? = nil,
        email: String? = nil,
        phone: String? = nil,
        website: String? = nil,
        background: String? = nil,
        interests: [String],
        source: AcquisitionChannel,
        campaignId: String? = nil,
        ownerId: String? = nil,
        lifecycleStage: String,
        lifecyclePolicyVersion: Int
    ) {
        self.customerId = customerId
        self.kind = kind
        self.name = name
        self.industry = industry
        self.sizeBand = sizeBand
        self.address = address
        self.email = email
        self.phone = phone
        self.website = website
        self.background = background
        self.interests = interests
        self.source = source
        self.campaignId = campaignId
        self.ownerId = ownerId
        self.lifecycleStage = lifecycleStage
        self.lifecyclePolicyVersion = lifecyclePolicyVersion
    }
}

extension CustomerRegistered: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        kind = try fields.value(CustomerKind.self, "kind")
        name = try fields.string("name")
        industry = try fields.stringIfPresent("industry")
        sizeBand = try fields.valueIfPresent(CompanySizeBand.self, "sizeBand")
        address = try fields.decodeIfPresent(PostalAddress.self, "address")
        email = try fields.stringIfPresent("email")
        phone = try fields.stringIfPresent("phone")
        website = try fields.stringIfPresent("website")
        background = try fields.stringIfPresent("background")
        interests = try fields.strings("interests")
        source = try fields.value(AcquisitionChannel.self, "source")
        campaignId = try fields.stringIfPresent("campaignId")
        ownerId = try fields.stringIfPresent("ownerId")
        lifecycleStage = try fields.string("lifecycleStage")
        lifecyclePolicyVersion = try fields.int("lifecyclePolicyVersion")
    }
}

extension CustomerRegistered: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.value("kind", kind)
        try fields.string("name", name)
        try fields.stringIfPresent("industry", industry)
        try fields.valueIfPresent("sizeBand", sizeBand)
        try fields.encodeIfPresent("address", address)
        try fields.stringIfPresent("email", email)
        try fields.stringIfPresent("phone", phone)
        try fields.stringIfPresent("website", website)
        try fields.stringIfPresent("background", background)
        try fields.strings("interests", interests)
        try fields.value("source", source)
        try fields.stringIfPresent("campaignId", campaignId)
        try fields.stringIfPresent("ownerId", ownerId)
        try fields.string("lifecycleStage", lifecycleStage)
        try fields.int("lifecyclePolicyVersion", lifecyclePolicyVersion)
    }
}
