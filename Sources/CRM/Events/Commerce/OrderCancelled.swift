// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// An order was cancelled.
///
/// Stream: `order-<orderId>`. Schema version 1.
public struct OrderCancelled: Event, Hashable {
    /// The stable type name, `OrderCancelled`.
    public static let eventType = "OrderCancelled"
    /// The order.
    public var orderId: String
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(orderId: String, reason: String) {
        self.orderId = orderId
        self.reason = reason
    }
}

extension OrderCancelled: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        orderId = try fields.string("orderId")
        reason = try fields.string("reason")
    }
}

extension OrderCancelled: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("orderId", orderId)
        try fields.string("reason", reason)
    }
}
