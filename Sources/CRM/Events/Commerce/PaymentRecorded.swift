// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A payment for an order was received (a transaction record for finance).
///
/// Stream: `order-<orderId>`. Schema version 1.
public struct PaymentRecorded: Event, Hashable {
    /// The stable type name, `PaymentRecorded`.
    public static let eventType = "PaymentRecorded"
    /// The order.
    public var orderId: String
    /// The payment's identifier.
    public var paymentId: String
    /// The amount paid.
    public var amount: Money
    /// How it was paid.
    public var method: PaymentMethod
    /// When.
    public var paidOn: LocalDate
    /// The bank or payment provider's reference.
    public var externalRef: String?

    /// Creates the event from its fields.
    public init(
        orderId: String,
        paymentId: String,
        amount: Money,
        method: PaymentMethod,
        paidOn: LocalDate,
        externalRef: String? = nil
    ) {
        self.orderId = orderId
        self.paymentId = paymentId
        self.amount = amount
        self.method = method
        self.paidOn = paidOn
        self.externalRef = externalRef
    }
}

extension PaymentRecorded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        orderId = try fields.string("orderId")
        paymentId = try fields.string("paymentId")
        amount = try fields.decode(Money.self, "amount")
        method = try fields.value(PaymentMethod.self, "method")
        paidOn = try fields.text(LocalDate.self, "paidOn")
        externalRef = try fields.stringIfPresent("externalRef")
    }
}

extension PaymentRecorded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("orderId", orderId)
        try fields.string("paymentId", paymentId)
        try fields.encode("amount", amount)
        try fields.value("method", method)
        try fields.text("paidOn", paidOn)
        try fields.stringIfPresent("externalRef", externalRef)
    }
}
