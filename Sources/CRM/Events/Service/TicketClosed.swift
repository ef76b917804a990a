// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A resolved ticket was closed.
///
/// Stream: `ticket-<ticketId>`. Schema version 1.
public struct TicketClosed: Event, Hashable {
    /// The stable type name, `TicketClosed`.
    public static let eventType = "TicketClosed"
    /// The ticket.
    public var ticketId: String

    /// Creates the event from its fields.
    public init(ticketId: String) {
        self.ticketId = ticketId
    }
}

extension TicketClosed: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
    }
}

extension TicketClosed: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
    }
}
