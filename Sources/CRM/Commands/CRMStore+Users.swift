public import EventSourcing

extension CRMStore {
    /// Registers a CRM user with roles (``UserRegistered``, stream `user-<id>`).
    /// - Throws: ``CRMError/alreadyExists(_:)``, ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func registerUser(
        id: String, name: String, email: String, roles: [UserRole], teamId: String? = nil, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        guard !roles.isEmpty else { throw .invalidInput(field: "roles", reason: "a user needs at least one role") }
        let registered = UserRegistered(
            userId: try Validate.identifier(id, field: "user id"), name: try Validate.text(name, field: "user name"),
            email: try Validate.email(email), roles: roles, teamId: try Validate.optionalIdentifier(teamId, field: "team id"))
        return try await execute("registerUser", context) { () throws(CRMError) in
            try write(try await absent(UserState.self, registered.userId), registered)
        }
    }

    /// Grants a role with a scope (``UserRoleGranted``) or revokes one (``UserRoleRevoked``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for deactivated users,
    ///   ``CRMError/invalidInput(field:reason:)`` when nothing would change or the last role would go.
    @discardableResult
    public func setUserRole(
        _ id: String, _ role: UserRole, scope: AccessScope? = .own, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        try await execute(scope == nil ? "revokeUserRole" : "grantUserRole", context) { () throws(CRMError) in
            let user = try await activeUser(id)
            if let scope {
                guard user.roles[role] != scope else {
                    throw .invalidInput(field: "role", reason: "\(id) already has \(role.rawValue) for \(scope.rawValue)")
                }
                return try write(user, UserRoleGranted(userId: id, role: role, scope: scope))
            }
            guard user.roles[role] != nil else { throw .invalidInput(field: "role", reason: "\(id) has no role \(role.rawValue)") }
            guard user.roles.count > 1 else { throw .invalidInput(field: "role", reason: "\(role.rawValue) is \(id)'s last role") }
            return try write(user, UserRoleRevoked(userId: id, role: role))
        }
    }

    /// Deactivates a user (``UserDeactivated``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for deactivated users.
    @discardableResult
    public func deactivateUser(_ id: String, reason: String, context: CommandContext) async throws(CRMError) -> [RecordedEvent] {
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("deactivateUser", context) { () throws(CRMError) in
            try write(try await activeUser(id), UserDeactivated(userId: id, reason: reason))
        }
    }

    /// Records a sign-in or sign-out (``UserSignedIn`` / ``UserSignedOut``) for the operation log.
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for deactivated users signing in.
    @discardableResult
    public func recordSession(_ id: String, signedIn: Bool, client: String, ipAddress: String? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let client = try Validate.text(client, field: "client")
        return try await execute(signedIn ? "signIn" : "signOut", context) { () throws(CRMError) in
            let user = signedIn ? try await activeUser(id) : try await existing(UserState.self, id)
            let event: any Event =
                signedIn
                ? UserSignedIn(userId: id, client: client, ipAddress: ipAddress) : UserSignedOut(userId: id, client: client)
            return try write(user, event)
        }
    }

    /// Records a data export by a user (``DataExported``).
    @discardableResult
    public func recordExport(_ id: String, scope: String, recordCount: Int, format: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let scope = try Validate.text(scope, field: "export scope")
        let count = try Validate.number(recordCount, in: 0...Int.max, field: "record count")
        let format = try Validate.text(format, field: "format", limit: 32)
        return try await execute("recordExport", context) { () throws(CRMError) in
            try write(
                try await existing(UserState.self, id), DataExported(userId: id, scope: scope, recordCount: count, format: format))
        }
    }

    private func activeUser(_ id: String) async throws(CRMError) -> UserState {
        let user = try await existing(UserState.self, id)
        guard user.isActive else { throw .invalidTransition(user.ref, state: "deactivated", action: "act") }
        return user
    }
}
