// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A ticket was escalated.
///
/// Stream: `ticket-<ticketId>`. Schema version 1.
public struct TicketEscalated: Event, Hashable {
    /// The stable type name, `TicketEscalated`.
    public static let eventType = "TicketEscalated"
    /// The ticket.
    public var ticketId: String
    /// The escalation level (1 for the first).
    public var level: Int
    /// Why.
    public var reason: EscalationReason
    /// Who takes it over.
    public var toAssigneeId: String?

    /// Creates the event from its fields.
    public init(ticketId: String, level: Int, reason: EscalationReason, toAssigneeId: String? = nil) {
        self.ticketId = ticketId
        self.level = level
        self.reason = reason
        self.toAssigneeId = toAssigneeId
    }
}

extension TicketEscalated: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
        level = try fields.int("level")
        reason = try fields.value(EscalationReason.self, "reason")
        toAssigneeId = try fields.stringIfPresent("toAssigneeId")
    }
}

extension TicketEscalated: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
        try fields.int("level", level)
        try fields.value("reason", reason)
        try fields.stringIfPresent("toAssigneeId", toAssigneeId)
    }
}
