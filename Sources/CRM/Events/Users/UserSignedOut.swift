// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A user signed out.
///
/// Stream: `user-<userId>`. Schema version 1.
public struct UserSignedOut: Event, Hashable {
    /// The stable type name, `UserSignedOut`.
    public static let eventType = "UserSignedOut"
    /// The user.
    public var userId: String
    /// The client application.
    public var client: String

    /// Creates the event from its fields.
    public init(userId: String, client: String) {
        self.userId = userId
        self.client = client
    }
}

extension UserSignedOut: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        userId = try fields.string("userId")
        client = try fields.string("client")
    }
}

extension UserSignedOut: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("userId", userId)
        try fields.string("client", client)
    }
}
