// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// How far a lead is qualified.
public enum LeadQualificationLevel: String, Codable, Sendable, Hashable, CaseIterable {
    /// Marketing-qualified.
    case mql
    /// Sales-qualified.
    case sql
}
