// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A task was given to someone else.
///
/// Stream: `task-<taskId>`. Schema version 1.
public struct TaskReassigned: Event, Hashable {
    /// The stable type name, `TaskReassigned`.
    public static let eventType = "TaskReassigned"
    /// The task.
    public var taskId: String
    /// The previous assignee.
    public var fromAssigneeId: String
    /// The new assignee.
    public var toAssigneeId: String

    /// Creates the event from its fields.
    public init(taskId: String, fromAssigneeId: String, toAssigneeId: String) {
        self.taskId = taskId
        self.fromAssigneeId = fromAssigneeId
        self.toAssigneeId = toAssigneeId
    }
}

extension TaskReassigned: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        taskId = try fields.string("taskId")
        fromAssigneeId = try fields.string("fromAssigneeId")
        toAssigneeId = try fields.string("toAssigneeId")
    }
}

extension TaskReassigned: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("taskId", taskId)
        try fields.string("fromAssigneeId", fromAssigneeId)
        try fields.string("toAssigneeId", toAssigneeId)
    }
}
