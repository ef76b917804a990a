/// The default ``AccessPolicy``: roles decide which commands an actor may issue (``AccessControl/requiredRoles(for:)``),
/// and the scope of the roles that allow it decides which owned records (customers, leads, opportunities) they
/// may change or read.
///
/// - An administrator reaches all records whatever the scope granted.
/// - Other roles reach what their ``AccessScope`` covers (``AccessTarget/isReached(by:of:)``): registration
///   grants `own`; ``CRMStore/setUserRole(_:_:scope:context:)`` grants `team` or `all`.
/// - An auditor reads all records, with personal fields redacted; an actor whose only role is auditor never
///   sees personal data.
public struct RoleAccessPolicy: AccessPolicy {
    /// The record categories limited by scope: those with an owner.
    public static let ownedCategories: Set<String> = ["customer", "lead", "opportunity"]

    /// The default policy.
    public init() {}

    /// Allowed when the actor has one of ``AccessControl/requiredRoles(for:)``.
    public func decide(command: String, actor: AccessActor) -> AccessDecision {
        guard let required = AccessControl.requiredRoles(for: command) else { return .allow }
        if required.isDisjoint(with: actor.roles.keys) {
            return .deny(reason: "it needs one of the roles \(required.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        return .allow
    }

    /// Allowed when a role that may issue `command` reaches `target`.
    public func decide(command: String, actor: AccessActor, target: AccessTarget) -> AccessDecision {
        let required = AccessControl.requiredRoles(for: command) ?? Set(UserRole.allCases)
        let scopes = actor.roles.filter { required.contains($0.key) }.map { scope(of: $0.key, $0.value) }
        return reach(target, scopes, actor)
    }

    /// Allowed when any of the actor's roles reaches `target` (an auditor reaches all).
    public func decide(query target: AccessTarget, actor: AccessActor) -> AccessDecision {
        let scopes = actor.roles.map { $0.key == .auditor ? .all : scope(of: $0.key, $0.value) }
        return reach(target, scopes, actor)
    }

    /// Every role but auditor may see personal data.
    public func mayReadPersonalData(_ actor: AccessActor) -> Bool { actor.roles.keys.contains { $0 != .auditor } }

    private func scope(of role: UserRole, _ granted: AccessScope) -> AccessScope { role == .administrator ? .all : granted }

    private func reach(_ target: AccessTarget, _ scopes: [AccessScope], _ actor: AccessActor) -> AccessDecision {
        guard Self.ownedCategories.contains(target.category) else { return .allow }
        if scopes.contains(where: { target.isReached(by: $0, of: actor) }) { return .allow }
        let owner = target.ownerId.map { "it is owned by \($0)" } ?? "it has no owner"
        return .deny(reason: "\(target.category) \(target.id) is outside \(actor.id)'s scope (\(owner))")
    }
}
