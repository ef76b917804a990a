// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// Money was refunded on an order.
///
/// Stream: `order-<orderId>`. Schema version 1.
public struct RefundIssued: Event, Hashable {
    /// The stable type name, `RefundIssued`.
    public static let eventType = "RefundIssued"
    /// The order.
    public var orderId: String
    /// The refund's identifier.
    public var refundId: String
    /// The amount refunded.
    public var amount: Money
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(orderId: String, refundId: String, amount: Money, reason: String) {
        self.orderId = orderId
        self.refundId = refundId
        self.amount = amount
        self.reason = reason
    }
}

extension RefundIssued: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        orderId = try fields.string("orderId")
        refundId = try fields.string("refundId")
        amount = try fields.decode(Money.self, "amount")
        reason = try fields.string("reason")
    }
}

extension RefundIssued: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("orderId", orderId)
        try fields.string("refundId", refundId)
        try fields.encode("amount", amount)
        try fields.string("reason", reason)
    }
}
