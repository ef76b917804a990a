// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// A contact's role in a deal.
public enum ContactRole: String, Codable, Sendable, Hashable, CaseIterable {
    /// Makes the decision.
    case decisionMaker
    /// Evaluates the offer.
    case evaluator
    /// Influences the decision.
    case influencer
    /// Will use the product.
    case user
    /// Champions the deal inside the customer.
    case champion
}
