// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Campaign tracking parameters of a web visit.
public struct UTMParameters: Codable, Sendable, Hashable {
    /// `utm_campaign`.
    public var campaign: String?
    /// `utm_medium`.
    public var medium: String?
    /// `utm_source`.
    public var source: String?

    /// Creates the value from its fields.
    public init(campaign: String? = nil, medium: String? = nil, source: String? = nil) {
        self.campaign = campaign
        self.medium = medium
        self.source = source
    }
}
