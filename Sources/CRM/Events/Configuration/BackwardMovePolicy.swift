// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Whether and how a lifecycle stage may move back.
public enum BackwardMovePolicy: String, Codable, Sendable, Hashable, CaseIterable {
    /// Never (the stage is a high-water mark).
    case forbidden
    /// Only explicitly, with a reason (churn, recycling, disqualification).
    case withReason
}
