// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A ticket was assigned.
///
/// Stream: `ticket-<ticketId>`. Schema version 1.
public struct TicketAssigned: Event, Hashable {
    /// The stable type name, `TicketAssigned`.
    public static let eventType = "TicketAssigned"
    /// The ticket.
    public var ticketId: String
    /// The agent.
    public var assigneeId: String
    /// The team.
    public var teamId: String?

    /// Creates the event from its fields.
    public init(ticketId: String, assigneeId: String, teamId: String? = nil) {
        self.ticketId = ticketId
        self.assigneeId = assigneeId
        self.teamId = teamId
    }
}

extension TicketAssigned: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
        assigneeId = try fields.string("assigneeId")
        teamId = try fields.stringIfPresent("teamId")
    }
}

extension TicketAssigned: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
        try fields.string("assigneeId", assigneeId)
        try fields.stringIfPresent("teamId", teamId)
    }
}
