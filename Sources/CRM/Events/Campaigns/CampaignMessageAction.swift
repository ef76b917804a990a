// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// What happened to a campaign message.
public enum CampaignMessageAction: String, Codable, Sendable, Hashable, CaseIterable {
    /// Sent.
    case sent
    /// Delivered.
    case delivered
    /// Opened.
    case opened
    /// A link was clicked.
    case clicked
    /// Bounced permanently.
    case hardBounced
    /// Bounced temporarily.
    case softBounced
    /// The recipient opted out.
    case optedOut
    /// The recipient opted in.
    case optedIn
}
