// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Where a ticket stands.
public enum TicketStatus: String, Codable, Sendable, Hashable, CaseIterable {
    /// Opened, not yet worked.
    case new
    /// Being worked.
    case open
    /// Waiting for the customer's answer.
    case waitingOnCustomer
    /// On hold (waiting for a third party or a fix).
    case onHold
    /// Resolved, not yet closed.
    case resolved
    /// Closed.
    case closed
}
