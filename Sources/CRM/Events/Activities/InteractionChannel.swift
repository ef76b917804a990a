// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// The channel of an interaction.
public enum InteractionChannel: String, Codable, Sendable, Hashable, CaseIterable {
    /// A phone call.
    case phone
    /// An e-mail.
    case email
    /// A meeting, face to face or online.
    case meeting
    /// An online chat.
    case chat
    /// A social-media message.
    case social
    /// A text message.
    case sms
    /// A visit at the customer's or ours.
    case visit
    /// A web form or portal.
    case web
}
