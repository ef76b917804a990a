import EventSourcing

extension CRMStore {
    // MARK: - Reading as an actor

    /// The current state of record `id` as `actor` may see it: ``state(_:id:)`` when access control is off;
    /// otherwise only when ``CRMOptions/accessPolicy`` lets the actor read it, with personal fields shown as
    /// ``PersonalDataPolicy/redactedText`` unless the policy lets the actor see personal data.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read <category>`) when the actor
    ///   is not an active user or may not read the record; the errors of ``state(_:id:)``.
    public func state<State: AggregateState>(_ type: State.Type, id: String, as actor: String) async throws(CRMError)
        -> State
    {
        guard options.accessControl == .registeredUsers else { return try await state(type, id: id) }
        let query = "read \(State.category)"
        let reader = try await activeActor(actor, query)
        let valid = try Validate.identifier(id, field: "\(State.category) id")
        let redact = !options.accessPolicy.mayReadPersonalData(reader)
        var state = State(id: valid)
        try await fold(try Self.stream(State.category, valid)) { (event) throws(EventStoreError) in
            try state.apply(redact ? try Self.personalData.redacting(event) : event)
        }
        var teams: [String: String?] = [:]
        var scope = (state as? any ScopedRecord)?.scope
        if scope == nil { scope = try await recordScope(State.category, valid) }
        let target = try await accessTarget(State.category, valid, scope: scope, depth: Self.scopeDepth, teams: &teams)
        if case .deny(let reason) = options.accessPolicy.decide(query: target, actor: reader) {
            throw .notAuthorized(actor: actor, command: query, reason: reason)
        }
        return state
    }

    /// Customer `id` as `actor` may see it (see ``state(_:id:as:)``).
    public func customer(_ id: String, as actor: String) async throws(CRMError) -> CustomerState {
        try await state(CustomerState.self, id: id, as: actor)
    }
    /// Contact `id` as `actor` may see it (see ``state(_:id:as:)``).
    public func contact(_ id: String, as actor: String) async throws(CRMError) -> ContactState {
        try await state(ContactState.self, id: id, as: actor)
    }
    /// Lead `id` as `actor` may see it (see ``state(_:id:as:)``).
    public func lead(_ id: String, as actor: String) async throws(CRMError) -> LeadState {
        try await state(LeadState.self, id: id, as: actor)
    }
    /// Opportunity `id` as `actor` may see it (see ``state(_:id:as:)``).
    public func opportunity(_ id: String, as actor: String) async throws(CRMError) -> OpportunityState {
        try await state(OpportunityState.self, id: id, as: actor)
    }

    /// Ticket `id` as `actor` may see it (see ``state(_:id:as:)``).
    public func ticket(_ id: String, as actor: String) async throws(CRMError) -> TicketState {
        try await state(TicketState.self, id: id, as: actor)
    }

    /// User `id` as `actor` may see them (see ``state(_:id:as:)``).
    public func user(_ id: String, as actor: String) async throws(CRMError) -> UserState {
        try await state(UserState.self, id: id, as: actor)
    }

    // MARK: - Checking commands

    /// The catalogue's personal fields, for redacting reads.
    static let personalData: PersonalDataSchema = {
        var schema = PersonalDataSchema()
        schema.register(EventCatalogue.eventTypes)
        return schema
    }()

    /// The stream denied attempts are recorded in (``CRMOptions/recordsDeniedAttempts``).
    static let deniedAttempts = "audit-accessdenials"

    /// Runs an access check; when it throws ``CRMError/notAuthorized(actor:command:reason:)`` and
    /// ``CRMOptions/recordsDeniedAttempts`` is set, appends an ``AccessDenied`` event first, then rethrows.
    func recordingDenial<T>(_ context: CommandContext, _ check: () async throws(CRMError) -> T)
        async throws(CRMError) -> T
    {
        do { return try await check() } catch .notAuthorized(let actor, let command, let reason) {
            if options.recordsDeniedAttempts {
                let stream: StreamName
                do { stream = try StreamName(Self.deniedAttempts) } catch { throw .store(error) }
                let event = try envelope(PendingEvent(AccessDenied(actor: actor, command: command, reason: reason)), command, context)
                do { try await store.append([StreamWrite(stream: stream, expectedVersion: .any, events: [event])]) } catch {
                    throw .store(error)
                }
            }
            throw .notAuthorized(actor: actor, command: command, reason: reason)
        }
    }

    /// Checks that the actor is an active user the policy lets issue `command`; `nil` while no user is
    /// registered and the command registers the first one.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)``.
    func authorize(_ command: String, _ actor: String) async throws(CRMError) -> AccessActor? {
        if command == "registerUser", let valid = try? Validate.identifier(actor, field: "actor"),
            try await state(UserState.self, id: valid).exists == false
        {
            let users: [StreamName]
            do { users = try await store.streams(inCategory: UserState.category) } catch { throw .store(error) }
            if users.isEmpty { return nil }
        }
        let user = try await activeActor(actor, command)
        if case .deny(let reason) = options.accessPolicy.decide(command: command, actor: user) {
            throw .notAuthorized(actor: actor, command: command, reason: reason)
        }
        return user
    }

    /// Checks every record the command would change or create against the policy: an existing record as it
    /// stands; a new one as its creation event describes it (its owner, assignee and parents), and then each of
    /// the existing records it belongs to (a new opportunity's customer, a new interaction's subjects), and the
    /// records an existing one is attached to (``ContactLinkedToCustomer``'s customer), so that a record is never
    /// created for, or attached to, a record outside the actor's scope.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)``.
    func authorize(_ command: String, _ actor: AccessActor, changing writes: [PendingWrite]) async throws(CRMError) {
        var teams: [String: String?] = [:]
        var checked: Set<AccessTarget> = []
        var pending: [String: RecordScope] = [:]
        for write in writes {
            if case .exactly = write.expectedVersion { continue }
            if let first = write.events.first, let scope = RecordScope.created(by: first.event) {
                pending[write.stream.rawValue] = scope
            }
        }
        for write in writes {
            let category = write.stream.category
            let id = String(write.stream.rawValue.dropFirst(category.count + 1))
            var targets: [AccessTarget]
            if case .exactly = write.expectedVersion {
                targets = [try await accessTarget(category, id, teams: &teams)]
                for parent in write.events.flatMap({ RecordScope.attached(by: $0.event) }) {
                    targets.append(try await accessTarget(parent.kind.rawValue, parent.id, teams: &teams))
                }
            } else if let scope = pending[write.stream.rawValue] {
                let new = try await accessTarget(
                    category, id, scope: scope, depth: Self.scopeDepth, teams: &teams, pending: pending)
                var created = new
                created.isNew = true
                if RoleAccessPolicy.ownedCategories.contains(category) { created.parents = [] }
                // The records it belongs to first: a denial names the record outside the scope.
                targets = new.parents + [created]
            } else {
                continue
            }
            for target in targets where checked.insert(target).inserted {
                if case .deny(let reason) = options.accessPolicy.decide(command: command, actor: actor, target: target) {
                    throw .notAuthorized(actor: actor.id, command: command, reason: reason)
                }
            }
        }
    }

    /// The active registered user `id`.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` naming `command` otherwise.
    func activeActor(_ id: String, _ command: String) async throws(CRMError) -> AccessActor {
        guard let valid = try? Validate.identifier(id, field: "actor") else {
            throw .notAuthorized(actor: id, command: command, reason: "the actor is not a user id")
        }
        let user = try await state(UserState.self, id: valid)
        guard user.exists else { throw .notAuthorized(actor: id, command: command, reason: "\(id) is not a registered user") }
        guard user.isActive else { throw .notAuthorized(actor: id, command: command, reason: "\(id) was deactivated") }
        return AccessActor(id: valid, roles: user.roles, teamId: user.registered?.teamId)
    }
}
