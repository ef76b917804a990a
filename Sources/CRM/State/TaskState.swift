public import EventSourcing

/// A task's current state, folded from `task-<id>`.
public struct TaskState: EntityState, Hashable {
    /// Where a task stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// To do.
        case open
        /// Done.
        case completed
        /// Cancelled.
        case cancelled
    }

    /// `task`.
    public static var kind: EntityKind { .task }
    /// The task's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The task as scheduled.
    public private(set) var scheduled: TaskScheduled?
    /// Where it stands.
    public private(set) var status = Status.open
    /// Who must do it.
    public private(set) var assigneeId: String?

    /// A task not yet scheduled.
    public init(id: String) { self.id = id }

    /// Folds one event.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        switch event.type {
        case TaskScheduled.eventType:
            scheduled = try event.decode(TaskScheduled.self)
            assigneeId = scheduled?.assigneeId
        case TaskCompleted.eventType: status = .completed
        case TaskCancelled.eventType: status = .cancelled
        case TaskReassigned.eventType: assigneeId = try event.decode(TaskReassigned.self).toAssigneeId
        default: break
        }
    }
}
