// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A ticket's priority changed, with the targets that now apply.
///
/// Stream: `ticket-<ticketId>`. Schema version 1.
public struct TicketPriorityChanged: Event, Hashable {
    /// The stable type name, `TicketPriorityChanged`.
    public static let eventType = "TicketPriorityChanged"
    /// The ticket.
    public var ticketId: String
    /// Before.
    public var oldPriority: TicketPriority
    /// After.
    public var newPriority: TicketPriority
    /// The targets that now apply.
    public var sla: SLASnapshot?

    /// Creates the event from its fields.
    public init(ticketId: String, oldPriority: TicketPriority, newPriority: TicketPriority, sla: SLASnapshot? = nil) {
        self.ticketId = ticketId
        self.oldPriority = oldPriority
        self.newPriority = newPriority
        self.sla = sla
    }
}

extension TicketPriorityChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
        oldPriority = try fields.value(TicketPriority.self, "oldPriority")
        newPriority = try fields.value(TicketPriority.self, "newPriority")
        sla = try fields.decodeIfPresent(SLASnapshot.self, "sla")
    }
}

extension TicketPriorityChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
        try fields.value("oldPriority", oldPriority)
        try fields.value("newPriority", newPriority)
        try fields.encodeIfPresent("sla", sla)
    }
}
