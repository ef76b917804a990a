// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// A reference to a record: its kind and identifier.
public struct EntityRef: Codable, Sendable, Hashable {
    /// What kind of record it is.
    public var kind: EntityKind
    /// The record's identifier.
    public var id: String

    /// Creates the value from its fields.
    public init(kind: EntityKind, id: String) {
        self.kind = kind
        self.id = id
    }
}
