// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// A business event that can promote a customer's lifecycle stage automatically.
public enum LifecycleTrigger: String, Codable, Sendable, Hashable, CaseIterable {
    /// An opportunity was opened for the customer.
    case opportunityOpened
    /// An opportunity of the customer was won.
    case opportunityWon
    /// The customer placed an order.
    case orderPlaced
}
