// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Why a coupon was issued.
public enum CouponOccasion: String, Codable, Sendable, Hashable, CaseIterable {
    /// A birthday.
    case birthday
    /// A holiday.
    case holiday
    /// Winning back an inactive customer.
    case winback
    /// A campaign.
    case campaign
    /// A loyalty reward.
    case loyalty
}
