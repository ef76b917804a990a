// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

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
