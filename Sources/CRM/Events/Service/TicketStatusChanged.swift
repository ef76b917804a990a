// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A ticket's status changed; says whether the new status pauses the SLA clock under the ticket's policy.
///
/// Stream: `ticket-<ticketId>`. Schema version 1.
public struct TicketStatusChanged: Event, Hashable {
    /// The stable type name, `TicketStatusChanged`.
    public static let eventType = "TicketStatusChanged"
    /// The ticket.
    public var ticketId: String
    /// Before.
    public var fromStatus: TicketStatus
    /// After.
    public var toStatus: TicketStatus
    /// Whether the new status stops the clock.
    public var pausesClock: Bool

    /// Creates the event from its fields.
    public init(ticketId: String, fromStatus: TicketStatus, toStatus: TicketStatus, pausesClock: Bool) {
        self.ticketId = ticketId
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.pausesClock = pausesClock
    }
}

extension TicketStatusChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
        fromStatus = try fields.value(TicketStatus.self, "fromStatus")
        toStatus = try fields.value(TicketStatus.self, "toStatus")
        pausesClock = try fields.bool("pausesClock")
    }
}

extension TicketStatusChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
        try fields.value("fromStatus", fromStatus)
        try fields.value("toStatus", toStatus)
        try fields.bool("pausesClock", pausesClock)
    }
}
