// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A service request or complaint was opened, with the service-level targets that apply.
///
/// Stream: `ticket-<ticketId>`. Schema version 1.
public struct TicketOpened: PersonalData, Hashable {
    /// The stable type name, `TicketOpened`.
    public static let eventType = "TicketOpened"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["subject", "description"]
    /// The ticket's identifier.
    public var ticketId: String
    /// The customer.
    public var customerId: String?
    /// The contact who asked.
    public var contactId: String?
    /// How it came in.
    public var channel: InteractionChannel
    /// What kind.
    public var type: TicketType
    /// How urgent.
    public var priority: TicketPriority
    /// The subject. (personal data)
    public var subject: String
    /// The detailed description. (personal data)
    public var description: String
    /// The targets that apply.
    public var sla: SLASnapshot?

    /// Creates the event from its fields.
    public init(
        ticketId: String,
        customerId: String? = nil,
        contactId: String? = nil,
        channel: InteractionChannel,
        type: TicketType,
        priority: TicketPriority,
        subject: String,
        description: String,
        sla: SLASnapshot? = nil
    ) {
        self.ticketId = ticketId
        self.customerId = customerId
        self.contactId = contactId
        self.channel = channel
        self.type = type
        self.priority = priority
        self.subject = subject
        self.description = description
        self.sla = sla
    }
}

extension TicketOpened: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
        customerId = try fields.stringIfPresent("customerId")
        contactId = try fields.stringIfPresent("contactId")
        channel = try fields.value(InteractionChannel.self, "channel")
        type = try fields.value(TicketType.self, "type")
        priority = try fields.value(TicketPriority.self, "priority")
        subject = try fields.string("subject")
        description = try fields.string("description")
        sla = try fields.decodeIfPresent(SLASnapshot.self, "sla")
    }
}

extension TicketOpened: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
        try fields.stringIfPresent("customerId", customerId)
        try fields.stringIfPresent("contactId", contactId)
        try fields.value("channel", channel)
        try fields.value("type", type)
        try fields.value("priority", priority)
        try fields.string("subject", subject)
        try fields.string("description", description)
        try fields.encodeIfPresent("sla", sla)
    }
}
