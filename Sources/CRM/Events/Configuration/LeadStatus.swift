// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// One configured lead status.
public struct LeadStatus: Codable, Sendable, Hashable {
    /// The status's identifier.
    public var statusId: String
    /// The status's name.
    public var name: String
    /// What the status means.
    public var category: LeadStatusCategory

    /// Creates the value from its fields.
    public init(statusId: String, name: String, category: LeadStatusCategory) {
        self.statusId = statusId
        self.name = name
        self.category = category
    }
}
