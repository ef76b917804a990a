// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A role was taken from a user.
///
/// Stream: `user-<userId>`. Schema version 1.
public struct UserRoleRevoked: Event, Hashable {
    /// The stable type name, `UserRoleRevoked`.
    public static let eventType = "UserRoleRevoked"
    /// The user.
    public var userId: String
    /// The role.
    public var role: UserRole

    /// Creates the event from its fields.
    public init(userId: String, role: UserRole) {
        self.userId = userId
        self.role = role
    }
}

extension UserRoleRevoked: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        userId = try fields.string("userId")
        role = try fields.value(UserRole.self, "role")
    }
}

extension UserRoleRevoked: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("userId", userId)
        try fields.value("role", role)
    }
}
