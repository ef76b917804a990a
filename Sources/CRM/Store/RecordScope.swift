import EventSourcing

/// What decides a record's scope, before the users' teams are looked up: its owner, or its assignee and the
/// records it belongs to (`Documentation/Security.md`, "Scopes").
struct RecordScope: Sendable, Hashable {
    var ownerId: String?
    var assigneeId: String?
    var parents: [EntityRef] = []

    /// The scope of the record a creation event starts (``CustomerRegistered``, ``OpportunityOpened``,
    /// ``TicketOpened``…), `nil` for any other event.
    static func created(by event: any Event) -> RecordScope? {
        func customer(_ id: String?) -> [EntityRef] { id.map { [EntityRef(kind: .customer, id: $0)] } ?? [] }
        switch event {
        case let e as CustomerRegistered: return RecordScope(ownerId: e.ownerId)
        case let e as LeadCaptured: return RecordScope(ownerId: e.ownerId)
        case let e as OpportunityOpened: return RecordScope(ownerId: e.ownerId, parents: customer(e.customerId))
        case let e as ContactAdded: return RecordScope(parents: customer(e.customerId))
        case let e as TicketOpened:
            return RecordScope(parents: customer(e.customerId) + (e.contactId.map { [EntityRef(kind: .contact, id: $0)] } ?? []))
        case let e as TaskScheduled: return RecordScope(assigneeId: e.assigneeId, parents: e.subjects)
        case let e as ContractDrafted: return RecordScope(parents: customer(e.customerId))
        case let e as OrderPlaced: return RecordScope(parents: customer(e.customerId))
        case let e as InteractionLogged: return RecordScope(parents: e.subjects)
        case let e as NoteAdded: return RecordScope(parents: e.subjects)
        case let e as SurveySent: return RecordScope(parents: [e.subject] + (e.context.map { [$0] } ?? []))
        default: return nil
        }
    }

    /// The existing records an event attaches its record to (a contact linked to a customer), which the actor
    /// must reach as well.
    static func attached(by event: any Event) -> [EntityRef] {
        switch event {
        case let e as ContactLinkedToCustomer: return [EntityRef(kind: .customer, id: e.customerId)]
        default: return []
        }
    }
}

/// A record state that knows what decides its scope.
protocol ScopedRecord {
    /// Its owner, assignee and the records it belongs to.
    var scope: RecordScope { get }
}

extension CustomerState: ScopedRecord {
    var scope: RecordScope { RecordScope(ownerId: ownerId) }
}
extension LeadState: ScopedRecord {
    var scope: RecordScope { RecordScope(ownerId: ownerId) }
}
extension OpportunityState: ScopedRecord {
    var scope: RecordScope { RecordScope(ownerId: ownerId) }
}
extension ContactState: ScopedRecord {
    var scope: RecordScope { RecordScope(parents: customers.keys.sorted().map { EntityRef(kind: .customer, id: $0) }) }
}
extension TicketState: ScopedRecord {
    var scope: RecordScope {
        var parents: [EntityRef] = []
        if let customer = opened?.customerId { parents.append(EntityRef(kind: .customer, id: customer)) }
        if let contact = opened?.contactId { parents.append(EntityRef(kind: .contact, id: contact)) }
        return RecordScope(assigneeId: assigneeId, parents: parents)
    }
}
extension TaskState: ScopedRecord {
    var scope: RecordScope { RecordScope(assigneeId: assigneeId, parents: scheduled?.subjects ?? []) }
}
extension ContractState: ScopedRecord {
    var scope: RecordScope { RecordScope(parents: draft.map { [EntityRef(kind: .customer, id: $0.customerId)] } ?? []) }
}
extension OrderState: ScopedRecord {
    var scope: RecordScope { RecordScope(parents: placed.map { [EntityRef(kind: .customer, id: $0.customerId)] } ?? []) }
}
extension SurveyState: ScopedRecord {
    var scope: RecordScope { RecordScope(parents: sent.map { [$0.subject] + ($0.context.map { [$0] } ?? []) } ?? []) }
}

extension CRMStore {
    /// How many levels of parents an ``AccessTarget`` carries (an interaction about a ticket about a customer: 2).
    static let scopeDepth = 3

    /// The scope of the existing record `<category>-<id>`, `nil` for categories without one (users, campaigns,
    /// configuration).
    func recordScope(_ category: String, _ id: String) async throws(CRMError) -> RecordScope? {
        switch category {
        case CustomerState.category: return try await state(CustomerState.self, id: id).scope
        case LeadState.category: return try await state(LeadState.self, id: id).scope
        case OpportunityState.category: return try await state(OpportunityState.self, id: id).scope
        case ContactState.category: return try await state(ContactState.self, id: id).scope
        case TicketState.category: return try await state(TicketState.self, id: id).scope
        case TaskState.category: return try await state(TaskState.self, id: id).scope
        case ContractState.category: return try await state(ContractState.self, id: id).scope
        case OrderState.category: return try await state(OrderState.self, id: id).scope
        case SurveyState.category: return try await state(SurveyState.self, id: id).scope
        case EntityKind.interaction.rawValue, EntityKind.note.rawValue:
            // No state: the first event names the subjects.
            let stream = try Self.stream(category, id)
            let events: [RecordedEvent]
            do { events = try await store.readStream(stream, limit: 1) } catch { throw .store(error) }
            guard let first = events.first else { return RecordScope() }
            if let logged = try? first.decode(InteractionLogged.self) { return RecordScope(parents: logged.subjects) }
            if let note = try? first.decode(NoteAdded.self) { return RecordScope(parents: note.subjects) }
            return RecordScope()
        default: return nil
        }
    }

    /// The existing record `<category>-<id>` as a policy sees it.
    func accessTarget(_ category: String, _ id: String, teams: inout [String: String?]) async throws(CRMError)
        -> AccessTarget
    {
        try await accessTarget(category, id, scope: try await recordScope(category, id), depth: Self.scopeDepth, teams: &teams)
    }

    /// The record `<category>-<id>` with `scope` as a policy sees it: with the owner's and assignee's teams and
    /// its parents (read from the store, `depth` levels deep; `teams` caches the users' teams).
    /// A record created by the same command (`pending`, by stream name) is taken as its creation event describes it.
    func accessTarget(
        _ category: String, _ id: String, scope: RecordScope?, depth: Int, teams: inout [String: String?],
        pending: [String: RecordScope] = [:]
    ) async throws(CRMError) -> AccessTarget {
        var target = AccessTarget(category: category, id: id)
        guard let scope else { return target }
        target.ownerId = scope.ownerId
        target.ownerTeamId = try await team(of: scope.ownerId, &teams)
        target.assigneeId = scope.assigneeId
        target.assigneeTeamId = try await team(of: scope.assigneeId, &teams)
        for parent in scope.parents where depth > 0 {
            let category = parent.kind.rawValue
            let created = pending[category + "-" + parent.id]
            var parentScope = created
            if parentScope == nil { parentScope = try await recordScope(category, parent.id) }
            var parentTarget = try await accessTarget(
                category, parent.id, scope: parentScope, depth: depth - 1, teams: &teams, pending: pending)
            parentTarget.isNew = created != nil
            target.parents.append(parentTarget)
        }
        return target
    }

    /// The team of user `id`, `nil` without user or team.
    private func team(of id: String?, _ teams: inout [String: String?]) async throws(CRMError) -> String? {
        guard let id, let valid = try? Validate.identifier(id, field: "user id") else { return nil }
        if let known = teams[valid] { return known }
        let team = try await state(UserState.self, id: valid).registered?.teamId
        teams[valid] = team
        return team
    }
}
