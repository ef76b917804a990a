// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A service-level target was missed (emitted by a deadline process, for escalation).
///
/// Stream: `ticket-<ticketId>`. Schema version 1.
public struct SLATargetBreached: Event, Hashable {
    /// The stable type name, `SLATargetBreached`.
    public static let eventType = "SLATargetBreached"
    /// The ticket.
    public var ticketId: String
    /// Which target.
    public var milestone: SLAMilestone
    /// When it was due.
    public var dueAt: Timestamp

    /// Creates the event from its fields.
    public init(ticketId: String, milestone: SLAMilestone, dueAt: Timestamp) {
        self.ticketId = ticketId
        self.milestone = milestone
        self.dueAt = dueAt
    }
}

extension SLATargetBreached: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
        milestone = try fields.value(SLAMilestone.self, "milestone")
        dueAt = try fields.timestamp("dueAt")
    }
}

extension SLATargetBreached: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
        try fields.value("milestone", milestone)
        try fields.timestamp("dueAt", dueAt)
    }
}
