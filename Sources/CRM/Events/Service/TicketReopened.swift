// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A resolved or closed ticket was reopened.
///
/// Stream: `ticket-<ticketId>`. Schema version 1.
public struct TicketReopened: Event, Hashable {
    /// The stable type name, `TicketReopened`.
    public static let eventType = "TicketReopened"
    /// The ticket.
    public var ticketId: String
    /// Why.
    public var reason: String

    /// Creates the event from its fields.
    public init(ticketId: String, reason: String) {
        self.ticketId = ticketId
        self.reason = reason
    }
}

extension TicketReopened: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
        reason = try fields.string("reason")
    }
}

extension TicketReopened: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
        try fields.string("reason", reason)
    }
}
