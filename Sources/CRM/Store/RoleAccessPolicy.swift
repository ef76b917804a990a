/// The default ``AccessPolicy``: roles decide which commands an actor may issue (``AccessControl/requiredRoles(for:)``),
/// and the scope of the roles that allow it decides which records they may change, create or read.
///
/// - An administrator reaches all records whatever the scope granted.
/// - Other roles reach what their ``AccessScope`` covers (``AccessTarget/isReached(by:of:)``): registration
///   grants `own`; ``CRMStore/setUserRole(_:_:scope:context:)`` grants `team` or `all`. Records with an owner
///   (``ownedCategories``) are reached through their owner; the records of ``derivedCategories`` through their
///   assignee or the records they belong to; the others (users, campaigns, pipelines, configuration) by role alone.
/// - An auditor reads all records, with personal fields redacted; an actor whose only role is auditor never
///   sees personal data.
public struct RoleAccessPolicy: AccessPolicy {
    /// The record categories limited by the scope of their owner.
    public static let ownedCategories: Set<String> = ["customer", "lead", "opportunity"]
    /// The record categories without owner, limited by the scope of their assignee and of the records they belong to
    /// (``AccessTarget/parents``).
    public static let derivedCategories: Set<String> = [
        "contact", "ticket", "task", "contract", "order", "interaction", "note", "survey",
    ]

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
        guard Self.ownedCategories.contains(target.category) || Self.derivedCategories.contains(target.category) else {
            return .allow
        }
        if scopes.contains(where: { target.isReached(by: $0, of: actor) }) { return .allow }
        return .deny(reason: "\(target.category) \(target.id) is outside \(actor.id)'s scope (\(Self.why(target)))")
    }

    /// What the scope of `target` depends on, in words: `it is owned by usr-2`, `it is assigned to usr-8 and belongs
    /// to customer cus-2`, `it has no owner`.
    static func why(_ target: AccessTarget) -> String {
        if let owner = target.ownerId { return "it is owned by \(owner)" }
        var facts: [String] = []
        if let assignee = target.assigneeId { facts.append("is assigned to \(assignee)") }
        if !target.parents.isEmpty {
            facts.append("belongs to " + target.parents.map { "\($0.category) \($0.id)" }.joined(separator: ", "))
        }
        return facts.isEmpty ? "it has no owner" : "it " + facts.joined(separator: " and ")
    }
}
