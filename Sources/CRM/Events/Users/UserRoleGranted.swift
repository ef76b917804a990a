// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A user was granted a role.
///
/// Stream: `user-<userId>`. Schema version 1.
public struct UserRoleGranted: Event, Hashable {
    /// The stable type name, `UserRoleGranted`.
    public static let eventType = "UserRoleGranted"
    /// The user.
    public var userId: String
    /// The role.
    public var role: UserRole
    /// Which records it covers.
    public var scope: AccessScope

    /// Creates the event from its fields.
    public init(userId: String, role: UserRole, scope: AccessScope) {
        self.userId = userId
        self.role = role
        self.scope = scope
    }
}

extension UserRoleGranted: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        userId = try fields.string("userId")
        role = try fields.value(UserRole.self, "role")
        scope = try fields.value(AccessScope.self, "scope")
    }
}

extension UserRoleGranted: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("userId", userId)
        try fields.value("role", role)
        try fields.value("scope", scope)
    }
}
