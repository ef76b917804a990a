public import EventSourcing

extension CRMStore {
    /// Logs an interaction with customers, contacts, leads, opportunities or tickets (``InteractionLogged``,
    /// stream `interaction-<id>`); every subject must exist.
    /// - Throws: ``CRMError/alreadyExists(_:)``, ``CRMError/notFound(_:)``, ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func logInteraction(
        id: String, subjects: [EntityRef], channel: InteractionChannel, direction: InteractionDirection,
        occurredAt: Timestamp, durationSeconds: Int? = nil, summary: String, outcome: String? = nil,
        externalRef: String? = nil, participants: [String] = [], context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let logged = InteractionLogged(
            interactionId: try Validate.identifier(id, field: "interaction id"), subjects: try Self.subjects(subjects),
            channel: channel, direction: direction, occurredAt: occurredAt,
            durationSeconds: try durationSeconds.map { (seconds) throws(CRMError) in
                try Validate.number(seconds, in: 0...86_400, field: "duration in seconds")
            }, summary: try Validate.text(summary, field: "summary", limit: Validate.textLimit),
            outcome: try Validate.optionalText(outcome, field: "outcome"),
            externalRef: try Validate.optionalText(externalRef, field: "external reference"), participants: participants)
        return try await execute("logInteraction", context) { () throws(CRMError) in
            for subject in subjects { try await requireExists(subject) }
            let stream = try Self.stream(EntityKind.interaction.rawValue, logged.interactionId)
            let version = try await self.version(of: stream)
            guard version == 0 else { throw .alreadyExists(EntityRef(kind: .interaction, id: logged.interactionId)) }
            return [PendingWrite(stream, at: 0, [PendingEvent(logged)])]
        }
    }

    /// Adds a note about records (``NoteAdded``, stream `note-<id>`).
    /// - Throws: ``CRMError/alreadyExists(_:)``, ``CRMError/notFound(_:)``, ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func addNote(id: String, subjects: [EntityRef], body: String, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        let note = NoteAdded(
            noteId: try Validate.identifier(id, field: "note id"), subjects: try Self.subjects(subjects),
            body: try Validate.text(body, field: "note", limit: Validate.textLimit))
        return try await execute("addNote", context) { () throws(CRMError) in
            for subject in subjects { try await requireExists(subject) }
            let stream = try Self.stream(EntityKind.note.rawValue, note.noteId)
            guard try await self.version(of: stream) == 0 else { throw .alreadyExists(EntityRef(kind: .note, id: note.noteId)) }
            return [PendingWrite(stream, at: 0, [PendingEvent(note)])]
        }
    }

    /// Schedules a task for a user (``TaskScheduled``), with an optional reminder before it is due.
    /// - Throws: ``CRMError/alreadyExists(_:)``, ``CRMError/notFound(_:)``, ``CRMError/invalidInput(field:reason:)``
    ///   for a reminder after the due time.
    @discardableResult
    public func scheduleTask(
        id: String, subjects: [EntityRef], type: TaskType, title: String, dueAt: Timestamp, assigneeId: String,
        reminderAt: Timestamp? = nil, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        if let reminderAt, reminderAt > dueAt {
            throw .invalidInput(field: "reminder", reason: "the reminder comes after the task is due")
        }
        let scheduled = TaskScheduled(
            taskId: try Validate.identifier(id, field: "task id"), subjects: try Self.subjects(subjects), type: type,
            title: try Validate.text(title, field: "task title"), dueAt: dueAt,
            assigneeId: try Validate.identifier(assigneeId, field: "assignee id"), reminderAt: reminderAt)
        return try await execute("scheduleTask", context) { () throws(CRMError) in
            for subject in subjects { try await requireExists(subject) }
            return try write(try await absent(TaskState.self, scheduled.taskId), scheduled)
        }
    }

    /// Completes an open task (``TaskCompleted``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for completed or cancelled tasks.
    @discardableResult
    public func completeTask(_ id: String, outcome: String? = nil, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        let outcome = try Validate.optionalText(outcome, field: "outcome", limit: Validate.textLimit)
        return try await execute("completeTask", context) { () throws(CRMError) in
            try write(try await openTask(id, "be completed"), TaskCompleted(taskId: id, outcome: outcome))
        }
    }

    /// Cancels an open task (``TaskCancelled``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for completed or cancelled tasks.
    @discardableResult
    public func cancelTask(_ id: String, reason: String, context: CommandContext) async throws(CRMError) -> [RecordedEvent] {
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("cancelTask", context) { () throws(CRMError) in
            try write(try await openTask(id, "be cancelled"), TaskCancelled(taskId: id, reason: reason))
        }
    }

    /// Gives an open task to someone else (``TaskReassigned``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)``, ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func reassignTask(_ id: String, to assigneeId: String, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        let assigneeId = try Validate.identifier(assigneeId, field: "assignee id")
        return try await execute("reassignTask", context) { () throws(CRMError) in
            let task = try await openTask(id, "be reassigned")
            guard let from = task.assigneeId, from != assigneeId else {
                throw .invalidInput(field: "assignee", reason: "task \(id) is already assigned to \(assigneeId)")
            }
            return try write(task, TaskReassigned(taskId: id, fromAssigneeId: from, toAssigneeId: assigneeId))
        }
    }

    private func openTask(_ id: String, _ action: String) async throws(CRMError) -> TaskState {
        let task = try await existing(TaskState.self, id)
        guard task.status == .open else { throw .invalidTransition(task.ref, state: task.status.rawValue, action: action) }
        return task
    }

    /// At least one subject, each a valid reference, none twice.
    static func subjects(_ subjects: [EntityRef]) throws(CRMError) -> [EntityRef] {
        guard !subjects.isEmpty, Set(subjects).count == subjects.count else {
            throw .invalidInput(field: "subjects", reason: "name at least one record, each once")
        }
        for subject in subjects { _ = try subject.streamName() }
        return subjects
    }
}
