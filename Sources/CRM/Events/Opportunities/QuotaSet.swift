// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A sales quota was set for a user or team and period.
///
/// Stream: `quota-<ownerId>`. Schema version 1.
public struct QuotaSet: Event, Hashable {
    /// The stable type name, `QuotaSet`.
    public static let eventType = "QuotaSet"
    /// The user or team.
    public var ownerId: String
    /// The period.
    public var period: String
    /// The quota.
    public var amount: Money

    /// Creates the event from its fields.
    public init(ownerId: String, period: String, amount: Money) {
        self.ownerId = ownerId
        self.period = period
        self.amount = amount
    }
}

extension QuotaSet: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ownerId = try fields.string("ownerId")
        period = try fields.string("period")
        amount = try fields.decode(Money.self, "amount")
    }
}

extension QuotaSet: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ownerId", ownerId)
        try fields.string("period", period)
        try fields.encode("amount", amount)
    }
}
