// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Which records a role applies to.
public enum AccessScope: String, Codable, Sendable, Hashable, CaseIterable {
    /// The user's own records.
    case own
    /// The user's team's records.
    case team
    /// All records.
    case all
}
