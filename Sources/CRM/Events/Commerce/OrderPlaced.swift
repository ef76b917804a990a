// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A customer placed an order: products or services, prices and payment method.
///
/// Stream: `order-<orderId>`. Schema version 1.
public struct OrderPlaced: Event, Hashable {
    /// The stable type name, `OrderPlaced`.
    public static let eventType = "OrderPlaced"
    /// The order's identifier.
    public var orderId: String
    /// The customer.
    public var customerId: String
    /// The contract it falls under.
    public var contractId: String?
    /// The opportunity it came from.
    public var opportunityId: String?
    /// The lines.
    public var lines: [ProductLine]
    /// The total (sum of quantity × unit price − discount).
    public var total: Money
    /// How it is paid.
    public var paymentMethod: PaymentMethod
    /// When it was ordered.
    public var orderedOn: LocalDate

    /// Creates the event from its fields.
    public init(
        orderId: String,
        customerId: String,
        contractId: String? = nil,
        opportunityId: String? = nil,
        lines: [ProductLine],
        total: Money,
        paymentMethod: PaymentMethod,
        orderedOn: LocalDate
    ) {
        self.orderId = orderId
        self.customerId = customerId
        self.contractId = contractId
        self.opportunityId = opportunityId
        self.lines = lines
        self.total = total
        self.paymentMethod = paymentMethod
        self.orderedOn = orderedOn
    }
}

extension OrderPlaced: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        orderId = try fields.string("orderId")
        customerId = try fields.string("customerId")
        contractId = try fields.stringIfPresent("contractId")
        opportunityId = try fields.stringIfPresent("opportunityId")
        lines = try fields.array(of: ProductLine.self, "lines")
        total = try fields.decode(Money.self, "total")
        paymentMethod = try fields.value(PaymentMethod.self, "paymentMethod")
        orderedOn = try fields.text(LocalDate.self, "orderedOn")
    }
}

extension OrderPlaced: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("orderId", orderId)
        try fields.string("customerId", customerId)
        try fields.stringIfPresent("contractId", contractId)
        try fields.stringIfPresent("opportunityId", opportunityId)
        try fields.array("lines", lines)
        try fields.encode("total", total)
        try fields.value("paymentMethod", paymentMethod)
        try fields.text("orderedOn", orderedOn)
    }
}
