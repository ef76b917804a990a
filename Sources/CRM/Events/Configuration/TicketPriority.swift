// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// How urgent a ticket is.
public enum TicketPriority: String, Codable, Sendable, Hashable, CaseIterable {
    /// Low.
    case low
    /// Normal.
    case normal
    /// High.
    case high
    /// Urgent.
    case urgent
}
