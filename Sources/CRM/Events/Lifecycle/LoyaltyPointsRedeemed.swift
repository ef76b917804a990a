// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// Loyalty points were redeemed.
///
/// Stream: `customer-<customerId>`. Schema version 1.
public struct LoyaltyPointsRedeemed: Event, Hashable {
    /// The stable type name, `LoyaltyPointsRedeemed`.
    public static let eventType = "LoyaltyPointsRedeemed"
    /// The customer.
    public var customerId: String
    /// The points.
    public var points: Int
    /// What for.
    public var reason: String

    /// Creates the event from its fields.
    public init(customerId: String, points: Int, reason: String) {
        self.customerId = customerId
        self.points = points
        self.reason = reason
    }
}

extension LoyaltyPointsRedeemed: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        points = try fields.int("points")
        reason = try fields.string("reason")
    }
}

extension LoyaltyPointsRedeemed: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.int("points", points)
        try fields.string("reason", reason)
    }
}
