// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A coupon was redeemed.
///
/// Stream: `customer-<customerId>`. Schema version 1.
public struct CouponRedeemed: Event, Hashable {
    /// The stable type name, `CouponRedeemed`.
    public static let eventType = "CouponRedeemed"
    /// The customer.
    public var customerId: String
    /// The coupon.
    public var couponId: String
    /// The order it was used on.
    public var orderId: String?

    /// Creates the event from its fields.
    public init(customerId: String, couponId: String, orderId: String? = nil) {
        self.customerId = customerId
        self.couponId = couponId
        self.orderId = orderId
    }
}

extension CouponRedeemed: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        couponId = try fields.string("couponId")
        orderId = try fields.stringIfPresent("orderId")
    }
}

extension CouponRedeemed: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.string("couponId", couponId)
        try fields.stringIfPresent("orderId", orderId)
    }
}
