/// Decides what an actor may do and see; ``CRMOptions/accessPolicy`` holds the one a ``CRMStore`` checks (with
/// ``AccessControl/registeredUsers``). The embedding service may replace ``RoleAccessPolicy``, the default, with
/// its own rules.
///
/// A command is checked twice: by ``decide(command:actor:)`` before anything is read, then by
/// ``decide(command:actor:target:)`` for every record it would change or create (``AccessTarget/isNew``) and
/// every existing record a created one belongs to, before anything is written.
/// A query through an actor-taking read (``CRMStore/customer(_:as:)``) is checked by
/// ``decide(query:actor:)`` and its personal fields are redacted unless ``mayReadPersonalData(_:)``.
/// Reading one user's activity is decided by ``decide(activityOf:actor:)`` (a default implementation is given).
public protocol AccessPolicy: Sendable {
    /// Whether `actor` may issue `command` (by its name, the metadata key `command`) at all.
    func decide(command: String, actor: AccessActor) -> AccessDecision
    /// Whether `actor` may change `target` with `command`.
    func decide(command: String, actor: AccessActor, target: AccessTarget) -> AccessDecision
    /// Whether `actor` may read `target`.
    func decide(query target: AccessTarget, actor: AccessActor) -> AccessDecision
    /// Whether `actor` may see personal data in clear (otherwise reads show ``PersonalDataPolicy/redactedText``).
    func mayReadPersonalData(_ actor: AccessActor) -> Bool
    /// Whether `actor` may read what user `subject` did (``CRMStore/activity(of:from:through:in:as:asOf:)``).
    func decide(activityOf subject: String, actor: AccessActor) -> AccessDecision
}

extension AccessPolicy {
    /// The default: administrators, auditors and the user themself may read a user's activity.
    public func decide(activityOf subject: String, actor: AccessActor) -> AccessDecision {
        if actor.id == subject || actor.roles.keys.contains(.administrator) || actor.roles.keys.contains(.auditor) {
            return .allow
        }
        return .deny(reason: "only an administrator, an auditor or \(subject) themself may read \(subject)'s activity")
    }
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

/// A record a command would change or create, or a query reads, with what decides its scope: its owner, or for a
/// record without one, its assignee and the records it belongs to (`Documentation/Security.md`, "Scopes").
public struct AccessTarget: Sendable, Hashable {
    /// The record's stream category (`customer`, `opportunity`, …).
    public var category: String
    /// The record's id.
    public var id: String
    /// The record's owner (a user id), `nil` for records without one.
    public var ownerId: String?
    /// The owner's team, `nil` without owner or team.
    public var ownerTeamId: String?
    /// The user the record is assigned to (a ticket's or task's assignee), `nil` for records without one.
    public var assigneeId: String?
    /// The assignee's team, `nil` without assignee or team.
    public var assigneeTeamId: String?
    /// The records this one belongs to, each with what decides its own scope: a contact's customers, a ticket's
    /// customer and contact, a task's, interaction's or note's subjects, a contract's or order's customer, a
    /// survey's subject. Empty for records with an owner.
    public var parents: [AccessTarget]
    /// Whether the command creates the record (it is described by the command's events, not read from the store).
    public var isNew: Bool

    /// Creates a target.
    public init(
        category: String, id: String, ownerId: String? = nil, ownerTeamId: String? = nil, assigneeId: String? = nil,
        assigneeTeamId: String? = nil, parents: [AccessTarget] = [], isNew: Bool = false
    ) {
        self.category = category
        self.id = id
        self.ownerId = ownerId
        self.ownerTeamId = ownerTeamId
        self.assigneeId = assigneeId
        self.assigneeTeamId = assigneeTeamId
        self.parents = parents
        self.isNew = isNew
    }

    /// Whether `scope` of `actor` reaches this record: `all` always; `own` the records the actor owns or is assigned
    /// to; `team` those and the records owned by or assigned to a member of the actor's team. A record that
    /// belongs to other records (``parents``) is also reached when one of them is. A record without owner,
    /// assignee or parent is reached only by `all`.
    public func isReached(by scope: AccessScope, of actor: AccessActor) -> Bool {
        func mine(_ user: String?, _ team: String?) -> Bool {
            switch scope {
            case .all: return true
            case .own: return user != nil && user == actor.id
            case .team: return (user != nil && user == actor.id) || (actor.teamId != nil && team == actor.teamId)
            }
        }
        return mine(ownerId, ownerTeamId) || mine(assigneeId, assigneeTeamId)
            || parents.contains { $0.isReached(by: scope, of: actor) }
    }
}

/// What an ``AccessPolicy`` decided.
public enum AccessDecision: Sendable, Hashable {
    /// Allowed.
    case allow
    /// Denied, with a reason a person can act on (it becomes the reason of ``CRMError/notAuthorized(actor:command:reason:)``).
    case deny(reason: String)
}
