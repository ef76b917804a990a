// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A custom field of a record got a value ((personal data) when the field is PII); written to the record's own stream.
///
/// Stream: `<entity stream>`. Schema version 1.
public struct CustomFieldValueSet: Event, Hashable {
    /// The stable type name, `CustomFieldValueSet`.
    public static let eventType = "CustomFieldValueSet"
    /// The record.
    public var entity: EntityRef
    /// The field's key.
    public var fieldKey: String
    /// The previous value.
    public var old: String?
    /// The new value (absent: cleared).
    public var new: String?

    /// Creates the event from its fields.
    public init(entity: EntityRef, fieldKey: String, old: String? = nil, new: String? = nil) {
        self.entity = entity
        self.fieldKey = fieldKey
        self.old = old
        self.new = new
    }
}
