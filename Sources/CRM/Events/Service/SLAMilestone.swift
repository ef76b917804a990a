// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// A service-level milestone.
public enum SLAMilestone: String, Codable, Sendable, Hashable, CaseIterable {
    /// The first response.
    case firstResponse
    /// The resolution.
    case resolution
}
