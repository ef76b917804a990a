/// Decides what an actor may do and see; ``CRMOptions/accessPolicy`` holds the one a ``CRMStore`` checks (with
/// ``AccessControl/registeredUsers``). The embedding service may replace ``RoleAccessPolicy``, the default, with
/// its own rules.
///
/// A command is checked twice: by ``decide(command:actor:)`` before anything is read, then by
/// ``decide(command:actor:target:)`` for every existing record it would change, before anything is written.
/// A query through an actor-taking read (``CRMStore/customer(_:as:)``) is checked by
/// ``decide(query:actor:target:)`` and its personal fields are redacted unless ``mayReadPersonalData(_:)``.
public protocol AccessPolicy: Sendable {
    /// Whether `actor` may issue `command` (by its name, the metadata key `command`) at all.
    func decide(command: String, actor: AccessActor) -> AccessDecision
    /// Whether `actor` may change `target` with `command`.
    func decide(command: String, actor: AccessActor, target: AccessTarget) -> AccessDecision
    /// Whether `actor` may read `target`.
    func decide(query target: AccessTarget, actor: AccessActor) -> AccessDecision
    /// Whether `actor` may see personal data in clear (otherwise reads show ``PersonalDataPolicy/redactedText``).
    func mayReadPersonalData(_ actor: AccessActor) -> Bool
}

/// An active registered user as an ``AccessPolicy`` sees them.
public struct AccessActor: Sendable, Hashable {
    /// The user id.
    public var id: String
    /// The roles and the scope each covers.
    public var roles: [UserRole: AccessScope]
    /// The user's team, if any.
    public var teamId: String?

    /// Creates an actor.
    public init(id: String, roles: [UserRole: AccessScope], teamId: String? = nil) {
        self.id = id
        self.roles = roles
        self.teamId = teamId
    }
}

/// A record a command would change or a query reads, with its owner.
public struct AccessTarget: Sendable, Hashable {
    /// The record's stream category (`customer`, `opportunity`, …).
    public var category: String
    /// The record's id.
    public var id: String
    /// The record's owner (a user id), `nil` for records without one.
    public var ownerId: String?
    /// The owner's team, `nil` without owner or team.
    public var ownerTeamId: String?

    /// Creates a target.
    public init(category: String, id: String, ownerId: String? = nil, ownerTeamId: String? = nil) {
        self.category = category
        self.id = id
        self.ownerId = ownerId
        self.ownerTeamId = ownerTeamId
    }

    /// Whether `scope` of `actor` reaches this record: `all` always; `team` the actor's own records and those
    /// owned by a member of the actor's team; `own` the records the actor owns. A record without owner is
    /// reached only by `all`.
    public func isReached(by scope: AccessScope, of actor: AccessActor) -> Bool {
        switch scope {
        case .all: return true
        case .own: return ownerId != nil && ownerId == actor.id
        case .team:
            return (ownerId != nil && ownerId == actor.id) || (actor.teamId != nil && ownerTeamId == actor.teamId)
        }
    }
}

/// What an ``AccessPolicy`` decided.
public enum AccessDecision: Sendable, Hashable {
    /// Allowed.
    case allow
    /// Denied, with a reason a person can act on (it becomes the reason of ``CRMError/notAuthorized(actor:command:reason:)``).
    case deny(reason: String)
}
