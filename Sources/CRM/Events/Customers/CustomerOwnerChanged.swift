// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A customer got a new responsible user.
///
/// Stream: `customer-<customerId>`. Schema version 1.
public struct CustomerOwnerChanged: Event, Hashable {
    /// The stable type name, `CustomerOwnerChanged`.
    public static let eventType = "CustomerOwnerChanged"
    /// The customer.
    public var customerId: String
    /// The previous owner.
    public var fromOwnerId: String?
    /// The new owner.
    public var toOwnerId: String

    /// Creates the event from its fields.
    public init(customerId: String, fromOwnerId: String? = nil, toOwnerId: String) {
        self.customerId = customerId
        self.fromOwnerId = fromOwnerId
        self.toOwnerId = toOwnerId
    }
}

extension CustomerOwnerChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        fromOwnerId = try fields.stringIfPresent("fromOwnerId")
        toOwnerId = try fields.string("toOwnerId")
    }
}

extension CustomerOwnerChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.stringIfPresent("fromOwnerId", fromOwnerId)
        try fields.string("toOwnerId", toOwnerId)
    }
}
