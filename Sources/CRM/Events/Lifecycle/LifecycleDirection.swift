// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Whether a lifecycle move goes forward or back.
public enum LifecycleDirection: String, Codable, Sendable, Hashable, CaseIterable {
    /// Further along the policy's stages.
    case forward
    /// Back to an earlier stage (churn, recycling).
    case backward
}
