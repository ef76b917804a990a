// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// A role of a CRM user.
public enum UserRole: String, Codable, Sendable, Hashable, CaseIterable {
    /// Configures the CRM and manages users.
    case administrator
    /// Leads a sales team.
    case salesManager
    /// Sells.
    case salesRepresentative
    /// Runs campaigns.
    case marketer
    /// Handles tickets.
    case serviceAgent
    /// Leads a service team.
    case serviceManager
    /// Reads everything, changes nothing.
    case auditor
}
