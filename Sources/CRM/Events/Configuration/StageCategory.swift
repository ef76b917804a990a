// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// What a pipeline stage means for the deal: still open, won or lost.
public enum StageCategory: String, Codable, Sendable, Hashable, CaseIterable {
    /// The deal is still being worked.
    case open
    /// The deal was won.
    case won
    /// The deal was lost.
    case lost
}
