// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A user of the CRM was registered with roles.
///
/// Stream: `user-<userId>`. Schema version 1.
public struct UserRegistered: PersonalData, Hashable {
    /// The stable type name, `UserRegistered`.
    public static let eventType = "UserRegistered"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["name", "email"]
    /// The user's identifier.
    public var userId: String
    /// The user's name. (personal data)
    public var name: String
    /// The user's e-mail. (personal data)
    public var email: String
    /// The roles.
    public var roles: [UserRole]
    /// The team.
    public var teamId: String?

    /// Creates the event from its fields.
    public init(userId: String, name: String, email: String, roles: [UserRole], teamId: String? = nil) {
        self.userId = userId
        self.name = name
        self.email = email
        self.roles = roles
        self.teamId = teamId
    }
}

extension UserRegistered: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        userId = try fields.string("userId")
        name = try fields.string("name")
        email = try fields.string("email")
        roles = try fields.values(UserRole.self, "roles")
        teamId = try fields.stringIfPresent("teamId")
    }
}

extension UserRegistered: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("userId", userId)
        try fields.string("name", name)
        try fields.string("email", email)
        try fields.values("roles", roles)
        try fields.stringIfPresent("teamId", teamId)
    }
}
