// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// One line of products or services: quantity, unit price and discount.
public struct ProductLine: Codable, Sendable, Hashable {
    /// The product or service.
    public var productId: String
    /// What it is.
    public var description: String
    /// How many.
    public var quantity: Int
    /// The price of one.
    public var unitPrice: Money
    /// The discount on the whole line.
    public var discount: Money

    /// Creates the value from its fields.
    public init(productId: String, description: String, quantity: Int, unitPrice: Money, discount: Money) {
        self.productId = productId
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.discount = discount
    }
}

extension ProductLine: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        productId = try fields.string("productId")
        description = try fields.string("description")
        quantity = try fields.int("quantity")
        unitPrice = try fields.decode(Money.self, "unitPrice")
        discount = try fields.decode(Money.self, "discount")
    }
}

extension ProductLine: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("productId", productId)
        try fields.string("description", description)
        try fields.int("quantity", quantity)
        try fields.encode("unitPrice", unitPrice)
        try fields.encode("discount", discount)
    }
}
