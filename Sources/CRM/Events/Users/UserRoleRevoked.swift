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
