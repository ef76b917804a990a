import EventSourcing

/// What the views need of an ``InteractionLogged``: which records it concerns, through which channel and when,
/// without what was said or who took part (its personal data, which are not read at all).
///
/// Interactions are the commonest events of a CRM (40 % of the standard workload); the customer 360° view reads one
/// for every interaction, and decoding the whole event built its summary and participants each time. (The value
/// view reads less: ``InteractionCustomers``.)
struct InteractionRouting: EventExcerpt, Hashable {
    /// The interaction's identifier.
    var interactionId: String
    /// The records it concerns.
    var subjects: [EntityRef]
    /// The channel.
    var channel: InteractionChannel
    /// When it happened.
    var occurredAt: Timestamp

    /// The routing of a whole event.
    init(_ event: InteractionLogged) {
        (interactionId, subjects, channel, occurredAt) = (event.interactionId, event.subjects, event.channel, event.occurredAt)
    }

    /// Reads the four fields from the event's payload, skipping the others.
    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        interactionId = try fields.string("interactionId")
        subjects = try fields.array(of: EntityRef.self, "subjects")
        channel = try fields.value(InteractionChannel.self, "channel")
        occurredAt = try fields.timestamp("occurredAt")
    }
}
