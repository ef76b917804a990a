// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// The customer replied on a ticket.
///
/// Stream: `ticket-<ticketId>`. Schema version 1.
public struct TicketCustomerReplied: Event, Hashable {
    /// The stable type name, `TicketCustomerReplied`.
    public static let eventType = "TicketCustomerReplied"
    /// The ticket.
    public var ticketId: String
    /// The channel.
    public var channel: InteractionChannel

    /// Creates the event from its fields.
    public init(ticketId: String, channel: InteractionChannel) {
        self.ticketId = ticketId
        self.channel = channel
    }
}

extension TicketCustomerReplied: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
        channel = try fields.value(InteractionChannel.self, "channel")
    }
}

extension TicketCustomerReplied: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
        try fields.value("channel", channel)
    }
}
