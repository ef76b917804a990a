// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Who started an interaction.
public enum InteractionDirection: String, Codable, Sendable, Hashable, CaseIterable {
    /// The customer.
    case inbound
    /// We did.
    case outbound
}
