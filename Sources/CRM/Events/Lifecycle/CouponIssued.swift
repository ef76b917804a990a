// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A coupon was issued to a customer (care, loyalty, win-back).
///
/// Stream: `customer-<customerId>`. Schema version 1.
public struct CouponIssued: Event, Hashable {
    /// The stable type name, `CouponIssued`.
    public static let eventType = "CouponIssued"
    /// The customer.
    public var customerId: String
    /// The coupon.
    public var couponId: String
    /// The occasion.
    public var occasion: CouponOccasion
    /// The campaign, if any.
    public var campaignId: String?
    /// The discount in percent.
    public var discountPercent: Int

    /// Creates the event from its fields.
    public init(
        customerId: String,
        couponId: String,
        occasion: CouponOccasion,
        campaignId: String? = nil,
        discountPercent: Int
    ) {
        self.customerId = customerId
        self.couponId = couponId
        self.occasion = occasion
        self.campaignId = campaignId
        self.discountPercent = discountPercent
    }
}

extension CouponIssued: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        couponId = try fields.string("couponId")
        occasion = try fields.value(CouponOccasion.self, "occasion")
        campaignId = try fields.stringIfPresent("campaignId")
        discountPercent = try fields.int("discountPercent")
    }
}

extension CouponIssued: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.string("couponId", couponId)
        try fields.value("occasion", occasion)
        try fields.stringIfPresent("campaignId", campaignId)
        try fields.int("discountPercent", discountPercent)
    }
}
