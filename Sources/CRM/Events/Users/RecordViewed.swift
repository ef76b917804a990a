// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A user viewed a record (optional, high-volume access log).
///
/// Stream: `user-<userId>`. Schema version 1.
public struct RecordViewed: Event, Hashable {
    /// The stable type name, `RecordViewed`.
    public static let eventType = "RecordViewed"
    /// The user.
    public var userId: String
    /// The record.
    public var entity: EntityRef

    /// Creates the event from its fields.
    public init(userId: String, entity: EntityRef) {
        self.userId = userId
        self.entity = entity
    }
}
