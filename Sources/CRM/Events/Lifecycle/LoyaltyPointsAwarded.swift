// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// Loyalty points were awarded.
///
/// Stream: `customer-<customerId>`. Schema version 1.
public struct LoyaltyPointsAwarded: Event, Hashable {
    /// The stable type name, `LoyaltyPointsAwarded`.
    public static let eventType = "LoyaltyPointsAwarded"
    /// The customer.
    public var customerId: String
    /// The points.
    public var points: Int
    /// Why.
    public var reason: String
    /// The event that earned them.
    public var sourceEventId: EventID?

    /// Creates the event from its fields.
    public init(customerId: String, points: Int, reason: String, sourceEventId: EventID? = nil) {
        self.customerId = customerId
        self.points = points
        self.reason = reason
        self.sourceEventId = sourceEventId
    }
}

extension LoyaltyPointsAwarded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        points = try fields.int("points")
        reason = try fields.string("reason")
        sourceEventId = try fields.decodeIfPresent(EventID.self, "sourceEventId")
    }
}

extension LoyaltyPointsAwarded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.int("points", points)
        try fields.string("reason", reason)
        try fields.encodeIfPresent("sourceEventId", sourceEventId)
    }
}
