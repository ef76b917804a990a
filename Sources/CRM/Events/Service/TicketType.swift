// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// What kind of service request.
public enum TicketType: String, Codable, Sendable, Hashable, CaseIterable {
    /// A question.
    case question
    /// Something is broken.
    case incident
    /// The cause of incidents.
    case problem
    /// A complaint.
    case complaint
    /// A service request.
    case request
}
