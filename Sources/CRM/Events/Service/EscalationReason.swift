// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Why a ticket was escalated.
public enum EscalationReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// A target is at risk.
    case slaRisk
    /// A target was missed.
    case slaBreach
    /// A person escalated it.
    case manual
}
