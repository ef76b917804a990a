// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// What kind of business an opportunity is.
public enum OpportunityType: String, Codable, Sendable, Hashable, CaseIterable {
    /// A new customer or product.
    case newBusiness
    /// More business with an existing customer.
    case existingBusiness
    /// A renewal.
    case renewal
}
