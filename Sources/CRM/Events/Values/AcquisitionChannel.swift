// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Where a record came from: the data-collection channel.
public enum AcquisitionChannel: String, Codable, Sendable, Hashable, CaseIterable {
    /// Website registration.
    case website
    /// A web or landing-page form.
    case form
    /// A newsletter or content subscription.
    case subscription
    /// A social-media touchpoint.
    case socialMedia
    /// A phone call.
    case phone
    /// An e-mail.
    case email
    /// An event, a fair or another offline touchpoint.
    case event
    /// A referral by a customer or partner.
    case referral
    /// A partner channel.
    case partner
    /// A survey.
    case survey
    /// A marketing campaign (see the campaign id).
    case campaign
    /// An import from another system.
    case importBatch
    /// Any other channel.
    case other
}
