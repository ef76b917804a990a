// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A lead was captured, with where it came from.
///
/// Stream: `lead-<leadId>`. Schema version 1.
public struct LeadCaptured: PersonalData, Hashable {
    /// The stable type name, `LeadCaptured`.
    public static let eventType = "LeadCaptured"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["name", "email", "phone"]
    /// The lead's identifier.
    public var leadId: String
    /// The person's name. (personal data)
    public var name: String
    /// The company.
    public var company: String?
    /// E-mail. (personal data)
    public var email: String?
    /// Phone. (personal data)
    public var phone: String?
    /// The lead source.
    public var source: AcquisitionChannel
    /// The campaign that produced it.
    public var campaignId: String?
    /// Tracking parameters.
    public var utm: UTMParameters?
    /// What the lead is interested in.
    public var interest: String?
    /// The estimated deal value.
    public var estimatedValue: Money?
    /// The responsible user.
    public var ownerId: String?

    /// Creates the event from its fields.
    public init(
        leadId: String,
        name: String,
        company: String? = nil,
        email: String? = nil,
        phone: String? = nil,
        source: AcquisitionChannel,
        campaignId: String? = nil,
        utm: UTMParameters? = nil,
        interest: String? = nil,
        estimatedValue: Money? = nil,
        ownerId: String? = nil
    ) {
        self.leadId = leadId
        self.name = name
        self.company = company
        self.email = email
        self.phone = phone
        self.source = source
        self.campaignId = campaignId
        self.utm = utm
        self.interest = interest
        self.estimatedValue = estimatedValue
        self.ownerId = ownerId
    }
}

extension LeadCaptured: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        leadId = try fields.string("leadId")
        name = try fields.string("name")
        company = try fields.stringIfPresent("company")
        email = try fields.stringIfPresent("email")
        phone = try fields.stringIfPresent("phone")
        source = try fields.value(AcquisitionChannel.self, "source")
        campaignId = try fields.stringIfPresent("campaignId")
        utm = try fields.decodeIfPresent(UTMParameters.self, "utm")
        interest = try fields.stringIfPresent("interest")
        estimatedValue = try fields.decodeIfPresent(Money.self, "estimatedValue")
        ownerId = try fields.stringIfPresent("ownerId")
    }
}

extension LeadCaptured: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("leadId", leadId)
        try fields.string("name", name)
        try fields.stringIfPresent("company", company)
        try fields.stringIfPresent("email", email)
        try fields.stringIfPresent("phone", phone)
        try fields.value("source", source)
        try fields.stringIfPresent("campaignId", campaignId)
        try fields.encodeIfPresent("utm", utm)
        try fields.stringIfPresent("interest", interest)
        try fields.encodeIfPresent("estimatedValue", estimatedValue)
        try fields.stringIfPresent("ownerId", ownerId)
    }
}
