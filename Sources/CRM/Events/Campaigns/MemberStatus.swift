// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// A status a campaign member can have.
public struct MemberStatus: Codable, Sendable, Hashable {
    /// The status.
    public var status: String
    /// Whether it counts as a response.
    public var countsAsResponse: Bool
    /// Whether new members get it.
    public var isDefault: Bool

    /// Creates the value from its fields.
    public init(status: String, countsAsResponse: Bool, isDefault: Bool) {
        self.status = status
        self.countsAsResponse = countsAsResponse
        self.isDefault = isDefault
    }
}
