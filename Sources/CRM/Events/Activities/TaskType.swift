// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// What kind of task.
public enum TaskType: String, Codable, Sendable, Hashable, CaseIterable {
    /// Make a call.
    case call
    /// Send an e-mail.
    case email
    /// Hold a meeting.
    case meeting
    /// Follow up.
    case followUp
    /// Anything else.
    case todo
}
