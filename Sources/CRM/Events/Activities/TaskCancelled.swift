// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A task was cancelled.
///
/// Stream: `task-<taskId>`. Schema version 1.
public struct TaskCancelled: Event, Hashable {
    /// The stable type name, `TaskCancelled`.
    public static let eventType = "TaskCancelled"
    /// The task.
    public var taskId: String
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(taskId: String, reason: String) {
        self.taskId = taskId
        self.reason = reason
    }
}

extension TaskCancelled: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        taskId = try fields.string("taskId")
        reason = try fields.string("reason")
    }
}

extension TaskCancelled: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("taskId", taskId)
        try fields.string("reason", reason)
    }
}
