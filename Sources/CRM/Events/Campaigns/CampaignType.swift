// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// What kind of campaign.
public enum CampaignType: String, Codable, Sendable, Hashable, CaseIterable {
    /// Advertising.
    case advertising
    /// A promotion.
    case promotion
    /// An event.
    case event
    /// E-mail marketing.
    case email
    /// Social media.
    case social
    /// Other online marketing.
    case online
    /// Other offline marketing.
    case offline
    /// A trade show.
    case tradeShow
    /// Public relations.
    case publicRelations
    /// A webinar.
    case webinar
}
