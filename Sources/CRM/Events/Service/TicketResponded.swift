// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// An agent responded to a ticket.
///
/// Stream: `ticket-<ticketId>`. Schema version 1.
public struct TicketResponded: Event, Hashable {
    /// The stable type name, `TicketResponded`.
    public static let eventType = "TicketResponded"
    /// The ticket.
    public var ticketId: String
    /// The agent.
    public var responderId: String
    /// The channel.
    public var channel: InteractionChannel
    /// Whether the customer sees it (false: internal note).
    public var isPublic: Bool
    /// Whether it is the first public response.
    public var isFirstResponse: Bool

    /// Creates the event from its fields.
    public init(
        ticketId: String,
        responderId: String,
        channel: InteractionChannel,
        isPublic: Bool,
        isFirstResponse: Bool
    ) {
        self.ticketId = ticketId
        self.responderId = responderId
        self.channel = channel
        self.isPublic = isPublic
        self.isFirstResponse = isFirstResponse
    }
}

extension TicketResponded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
        responderId = try fields.string("responderId")
        channel = try fields.value(InteractionChannel.self, "channel")
        isPublic = try fields.bool("isPublic")
        isFirstResponse = try fields.bool("isFirstResponse")
    }
}

extension TicketResponded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
        try fields.string("responderId", responderId)
        try fields.value("channel", channel)
        try fields.bool("isPublic", isPublic)
        try fields.bool("isFirstResponse", isFirstResponse)
    }
}
