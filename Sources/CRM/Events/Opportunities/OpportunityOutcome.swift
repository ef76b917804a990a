// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// How a closed opportunity ended.
public enum OpportunityOutcome: String, Codable, Sendable, Hashable, CaseIterable {
    /// Won.
    case won
    /// Lost.
    case lost
}
