public import EventSourcing

/// A ticket's current state, folded from `ticket-<id>`.
public struct TicketState: EntityState, Hashable, Encodable {
    /// `ticket`.
    public static var kind: EntityKind { .ticket }
    /// The ticket's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The opening event.
    public private(set) var opened: TicketOpened?
    /// The current status.
    public private(set) var status = TicketStatus.new
    /// The current priority.
    public private(set) var priority = TicketPriority.normal
    /// The targets that apply now.
    public private(set) var sla: SLASnapshot?
    /// The assigned agent.
    public private(set) var assigneeId: String?
    /// When the first public response was given.
    public private(set) var firstRespondedAt: Timestamp?
    /// When it was last resolved.
    public private(set) var resolvedAt: Timestamp?
    /// How often it was reopened.
    public private(set) var reopenCount = 0
    /// The highest escalation level reached.
    public private(set) var escalationLevel = 0
    /// Whether the SLA clock is paused (the status is one of the policy's paused statuses).
    public private(set) var isPaused = false
    /// The ticket this one was merged into.
    public private(set) var mergedInto: String?
    /// Tags, custom fields, merges, consent and erasure.
    public private(set) var traits = RecordTraits()

    /// A ticket not yet opened.
    public init(id: String) { self.id = id }

    /// Whether the ticket is resolved or closed.
    public var isDone: Bool { status == .resolved || status == .closed }

    /// Folds one event.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if try traits.apply(event) { return }
        switch event.type {
        case TicketOpened.eventType:
            let opened = try event.decode(TicketOpened.self)
            (self.opened, priority, sla, status) = (opened, opened.priority, opened.sla, .new)
        case TicketAssigned.eventType:
            assigneeId = try event.decode(TicketAssigned.self).assigneeId
            if status == .new { status = .open }
        case TicketPriorityChanged.eventType:
            let changed = try event.decode(TicketPriorityChanged.self)
            (priority, sla) = (changed.newPriority, changed.sla ?? sla)
        case TicketResponded.eventType:
            let responded = try event.decode(TicketResponded.self)
            if responded.isPublic && firstRespondedAt == nil { firstRespondedAt = event.occurredAt }
        case TicketStatusChanged.eventType:
            let changed = try event.decode(TicketStatusChanged.self)
            (status, isPaused) = (changed.toStatus, changed.pausesClock)
        case TicketEscalated.eventType: escalationLevel = max(escalationLevel, try event.decode(TicketEscalated.self).level)
        case TicketResolved.eventType: (status, resolvedAt, isPaused) = (.resolved, event.occurredAt, false)
        case TicketReopened.eventType: (status, reopenCount, resolvedAt) = (.open, reopenCount + 1, nil)
        case TicketClosed.eventType: (status, isPaused) = (.closed, false)
        default: break
        }
    }
}
