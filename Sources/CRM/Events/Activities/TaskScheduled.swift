// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A task (a follow-up, a reminder) was scheduled and assigned.
///
/// Stream: `task-<taskId>`. Schema version 1.
public struct TaskScheduled: Event, Hashable {
    /// The stable type name, `TaskScheduled`.
    public static let eventType = "TaskScheduled"
    /// The task's identifier.
    public var taskId: String
    /// The records it is about.
    public var subjects: [EntityRef]
    /// What kind.
    public var type: TaskType
    /// What to do.
    public var title: String
    /// When it is due.
    public var dueAt: Timestamp
    /// Who must do it.
    public var assigneeId: String
    /// When to remind.
    public var reminderAt: Timestamp?

    /// Creates the event from its fields.
    public init(
        taskId: String,
        subjects: [EntityRef],
        type: TaskType,
        title: String,
        dueAt: Timestamp,
        assigneeId: String,
        reminderAt: Timestamp? = nil
    ) {
        self.taskId = taskId
        self.subjects = subjects
        self.type = type
        self.title = title
        self.dueAt = dueAt
        self.assigneeId = assigneeId
        self.reminderAt = reminderAt
    }
}

extension TaskScheduled: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        taskId = try fields.string("taskId")
        subjects = try fields.array(of: EntityRef.self, "subjects")
        type = try fields.value(TaskType.self, "type")
        title = try fields.string("title")
        dueAt = try fields.timestamp("dueAt")
        assigneeId = try fields.string("assigneeId")
        reminderAt = try fields.timestampIfPresent("reminderAt")
    }
}

extension TaskScheduled: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("taskId", taskId)
        try fields.array("subjects", subjects)
        try fields.value("type", type)
        try fields.string("title", title)
        try fields.timestamp("dueAt", dueAt)
        try fields.string("assigneeId", assigneeId)
        try fields.timestampIfPresent("reminderAt", reminderAt)
    }
}
