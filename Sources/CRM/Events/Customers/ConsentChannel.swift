// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// A channel a person may or may not be contacted through.
public enum ConsentChannel: String, Codable, Sendable, Hashable, CaseIterable {
    /// E-mail.
    case email
    /// Phone calls.
    case phone
    /// Text messages.
    case sms
    /// Postal mail.
    case mail
    /// Social-media messages.
    case social
}
