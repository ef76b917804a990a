// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A customer was deactivated (no longer served).
///
/// Stream: `customer-<customerId>`. Schema version 1.
public struct CustomerDeactivated: Event, Hashable {
    /// The stable type name, `CustomerDeactivated`.
    public static let eventType = "CustomerDeactivated"
    /// The customer.
    public var customerId: String
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(customerId: String, reason: String) {
        self.customerId = customerId
        self.reason = reason
    }
}

extension CustomerDeactivated: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        reason = try fields.string("reason")
    }
}

extension CustomerDeactivated: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.string("reason", reason)
    }
}
