public import EventSourcing

/// One event of a stream with the fields it changed, from ``CRMStore/fieldChanges(in:)``.
public struct StreamChange: Sendable, Hashable {
    /// What the differences compare.
    public enum Basis: String, Sendable, Hashable {
        /// The record's state after the event against its state before (customer, contact, opportunity and
        /// ticket streams).
        case state
        /// The event's payload against the payload of the stream's previous event of the same type (any other
        /// stream, or a record stream the states cannot fold; the first event of a type shows all its fields as
        /// added).
        case payload
    }

    /// The event.
    public var event: RecordedEvent
    /// What ``differences`` compare.
    public var basis: Basis
    /// The fields that changed, in order.
    public var differences: [PayloadDifference]
}
