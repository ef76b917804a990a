// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A contract was drafted: its value, term and payment terms.
///
/// Stream: `contract-<contractId>`. Schema version 1.
public struct ContractDrafted: Event, Hashable {
    /// The stable type name, `ContractDrafted`.
    public static let eventType = "ContractDrafted"
    /// The contract's identifier.
    public var contractId: String
    /// The customer.
    public var customerId: String
    /// The opportunity it closes.
    public var opportunityId: String?
    /// The contract's title.
    public var title: String
    /// The total value.
    public var value: Money
    /// When it starts.
    public var startDate: LocalDate
    /// Its term in months.
    public var termMonths: Int
    /// The payment terms.
    public var paymentTerms: String
    /// How it is paid.
    public var paymentMethod: PaymentMethod

    /// Creates the event from its fields.
    public init(
        contractId: String,
        customerId: String,
        opportunityId: String? = nil,
        title: String,
        value: Money,
        startDate: LocalDate,
        termMonths: Int,
        paymentTerms: String,
        paymentMethod: PaymentMethod
    ) {
        self.contractId = contractId
        self.customerId = customerId
        self.opportunityId = opportunityId
        self.title = title
        self.value = value
        self.startDate = startDate
        self.termMonths = termMonths
        self.paymentTerms = paymentTerms
        self.paymentMethod = paymentMethod
    }
}

extension ContractDrafted: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        contractId = try fields.string("contractId")
        customerId = try fields.string("customerId")
        opportunityId = try fields.stringIfPresent("opportunityId")
        title = try fields.string("title")
        value = try fields.decode(Money.self, "value")
        startDate = try fields.text(LocalDate.self, "startDate")
        termMonths = try fields.int("termMonths")
        paymentTerms = try fields.string("paymentTerms")
        paymentMethod = try fields.value(PaymentMethod.self, "paymentMethod")
    }
}

extension ContractDrafted: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("contractId", contractId)
        try fields.string("customerId", customerId)
        try fields.stringIfPresent("opportunityId", opportunityId)
        try fields.string("title", title)
        try fields.encode("value", value)
        try fields.text("startDate", startDate)
        try fields.int("termMonths", termMonths)
        try fields.string("paymentTerms", paymentTerms)
        try fields.value("paymentMethod", paymentMethod)
    }
}
