// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// A kind of digital engagement.
public enum EngagementKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// A web page was viewed.
    case pageView
    /// A form was submitted.
    case formSubmit
    /// Content was downloaded.
    case download
    /// A marketing e-mail was opened.
    case emailOpen
    /// A link in a marketing e-mail was clicked.
    case emailClick
}
