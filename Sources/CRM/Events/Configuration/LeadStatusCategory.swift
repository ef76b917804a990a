// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// What a lead status means.
public enum LeadStatusCategory: String, Codable, Sendable, Hashable, CaseIterable {
    /// New, not yet worked.
    case open
    /// Being worked.
    case working
    /// Being nurtured for later.
    case nurture
    /// Qualified.
    case qualified
    /// Disqualified.
    case disqualified
}
