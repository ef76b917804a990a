// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// What a recorded preference is about.
public enum PreferenceCategory: String, Codable, Sendable, Hashable, CaseIterable {
    /// A need the customer has.
    case need
    /// An interest.
    case interest
    /// A preference (how or when to be served).
    case preference
}
