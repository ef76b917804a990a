// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A task was done.
///
/// Stream: `task-<taskId>`. Schema version 1.
public struct TaskCompleted: Event, Hashable {
    /// The stable type name, `TaskCompleted`.
    public static let eventType = "TaskCompleted"
    /// The task.
    public var taskId: String
    /// The result.
    public var outcome: String?

    /// Creates the event from its fields.
    public init(taskId: String, outcome: String? = nil) {
        self.taskId = taskId
        self.outcome = outcome
    }
}

extension TaskCompleted: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        taskId = try fields.string("taskId")
        outcome = try fields.stringIfPresent("outcome")
    }
}

extension TaskCompleted: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("taskId", taskId)
        try fields.stringIfPresent("outcome", outcome)
    }
}
