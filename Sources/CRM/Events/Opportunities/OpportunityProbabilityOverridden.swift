// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A salesperson overrode the stage's probability for one opportunity.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityProbabilityOverridden: Event, Hashable {
    /// The stable type name, `OpportunityProbabilityOverridden`.
    public static let eventType = "OpportunityProbabilityOverridden"
    /// The opportunity.
    public var opportunityId: String
    /// The probability before, in percent.
    public var oldProbability: Int
    /// The probability after, in percent.
    public var newProbability: Int
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(opportunityId: String, oldProbability: Int, newProbability: Int, reason: String) {
        self.opportunityId = opportunityId
        self.oldProbability = oldProbability
        self.newProbability = newProbability
        self.reason = reason
    }
}

extension OpportunityProbabilityOverridden: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        oldProbability = try fields.int("oldProbability")
        newProbability = try fields.int("newProbability")
        reason = try fields.string("reason")
    }
}

extension OpportunityProbabilityOverridden: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.int("oldProbability", oldProbability)
        try fields.int("newProbability", newProbability)
        try fields.string("reason", reason)
    }
}
