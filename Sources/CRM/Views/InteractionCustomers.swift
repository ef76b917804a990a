import EventSourcing

/// What the value view needs of an ``InteractionLogged``: the customers among its subjects and when it happened,
/// without its identifier, channel and other subjects (what the customer 360° view reads, ``InteractionRouting``)
/// or its personal data (not read at all).
///
/// Interactions are 40 % of the standard workload, and the value view reads each for a customer's last interaction.
struct InteractionCustomers: EventExcerpt, Hashable {
    /// The ids of the customers among the subjects, in order.
    var customerIds: [String]
    /// When it happened.
    var occurredAt: Timestamp

    /// The customers of a whole event.
    init(_ event: InteractionLogged) {
        customerIds = event.subjects.filter { $0.kind == .customer }.map(\.id)
        occurredAt = event.occurredAt
    }

    /// Reads the subjects (the customers' ids alone) and the time from the event's payload, skipping the rest.
    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerIds = try fields.array(of: CustomerSubject.self, "subjects").compactMap(\.customerId)
        occurredAt = try fields.timestamp("occurredAt")
    }

    /// A subject's id when it is a customer (an ``EntityRef`` of another kind is read no further than its kind).
    private struct CustomerSubject: BinaryPayloadDecodable {
        var customerId: String?

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            let kind = try fields.value(EntityKind.self, "kind")
            customerId = kind == .customer ? try fields.string("id") : nil
        }
    }
}
