public import EventSourcing

/// A CRM user's current state, folded from `user-<id>`.
public struct UserState: EntityState, Hashable {
    /// `user`.
    public static var kind: EntityKind { .user }
    /// The user's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The registration.
    public private(set) var registered: UserRegistered?
    /// The roles and the scope each covers.
    public private(set) var roles: [UserRole: AccessScope] = [:]
    /// Whether the user may act.
    public private(set) var isActive = false

    /// A user not yet registered.
    public init(id: String) { self.id = id }

    /// Folds one event.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        switch event.type {
        case UserRegistered.eventType:
            let registered = try event.decode(UserRegistered.self)
            self.registered = registered
            for role in registered.roles { roles[role] = .own }
            isActive = true
        case UserRoleGranted.eventType:
            let granted = try event.decode(UserRoleGranted.self)
            roles[granted.role] = granted.scope
        case UserRoleRevoked.eventType: roles.removeValue(forKey: try event.decode(UserRoleRevoked.self).role)
        case UserDeactivated.eventType: isActive = false
        default: break
        }
    }
}
