// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A user was deactivated and may no longer act.
///
/// Stream: `user-<userId>`. Schema version 1.
public struct UserDeactivated: Event, Hashable {
    /// The stable type name, `UserDeactivated`.
    public static let eventType = "UserDeactivated"
    /// The user.
    public var userId: String
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(userId: String, reason: String) {
        self.userId = userId
        self.reason = reason
    }
}

extension UserDeactivated: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        userId = try fields.string("userId")
        reason = try fields.string("reason")
    }
}

extension UserDeactivated: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("userId", userId)
        try fields.string("reason", reason)
    }
}
