// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// The kind of satisfaction survey, which fixes its scale.
public enum FeedbackKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// Customer satisfaction, 1 to 5.
    case csat
    /// Net promoter score, 0 to 10.
    case nps
    /// Customer effort score, 1 to 7.
    case ces
    /// A review, 1 to 5 stars.
    case review
}
