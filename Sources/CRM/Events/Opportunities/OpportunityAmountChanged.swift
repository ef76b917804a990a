// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// An opportunity's amount changed.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityAmountChanged: Event, Hashable {
    /// The stable type name, `OpportunityAmountChanged`.
    public static let eventType = "OpportunityAmountChanged"
    /// The opportunity.
    public var opportunityId: String
    /// The amount before.
    public var oldAmount: Money
    /// The amount after.
    public var newAmount: Money

    /// Creates the event from its fields.
    public init(opportunityId: String, oldAmount: Money, newAmount: Money) {
        self.opportunityId = opportunityId
        self.oldAmount = oldAmount
        self.newAmount = newAmount
    }
}

extension OpportunityAmountChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        oldAmount = try fields.decode(Money.self, "oldAmount")
        newAmount = try fields.decode(Money.self, "newAmount")
    }
}

extension OpportunityAmountChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.encode("oldAmount", oldAmount)
        try fields.encode("newAmount", newAmount)
    }
}
