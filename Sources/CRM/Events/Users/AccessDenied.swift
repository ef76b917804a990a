// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// The access policy refused a command (recorded with `CRMOptions.recordsDeniedAttempts`); the command itself wrote nothing.
///
/// Stream: `audit-accessdenials`. Schema version 1.
public struct AccessDenied: Event, Hashable {
    /// The stable type name, `AccessDenied`.
    public static let eventType = "AccessDenied"
    /// Who attempted it, as the command's context named them (possibly not a registered user).
    public var actor: String
    /// The refused command's name.
    public var command: String
    /// Why the policy refused it.
    public var reason: String

    /// Creates the event from its fields.
    public init(actor: String, command: String, reason: String) {
        self.actor = actor
        self.command = command
        self.reason = reason
    }
}

extension AccessDenied: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        actor = try fields.string("actor")
        command = try fields.string("command")
        reason = try fields.string("reason")
    }
}

extension AccessDenied: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("actor", actor)
        try fields.string("command", command)
        try fields.string("reason", reason)
    }
}
