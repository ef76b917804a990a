// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A user signed in (operation log).
///
/// Stream: `user-<userId>`. Schema version 1.
public struct UserSignedIn: PersonalData, Hashable {
    /// The stable type name, `UserSignedIn`.
    public static let eventType = "UserSignedIn"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["ipAddress"]
    /// The user.
    public var userId: String
    /// The client application.
    public var client: String
    /// The address signed in from. (personal data)
    public var ipAddress: String?

    /// Creates the event from its fields.
    public init(userId: String, client: String, ipAddress: String? = nil) {
        self.userId = userId
        self.client = client
        self.ipAddress = ipAddress
    }
}

extension UserSignedIn: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        userId = try fields.string("userId")
        client = try fields.string("client")
        ipAddress = try fields.stringIfPresent("ipAddress")
    }
}

extension UserSignedIn: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("userId", userId)
        try fields.string("client", client)
        try fields.stringIfPresent("ipAddress", ipAddress)
    }
}
