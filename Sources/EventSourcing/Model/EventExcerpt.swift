/// Some of an event's fields, read from a stored event without decoding the others.
///
/// A projection that needs two fields of a large event pays for all of them when it decodes the whole event: every
/// `String` and array is built, and a payload with sealed personal data is opened. An excerpt names the event it is
/// taken from and reads only its own fields, straight from the binary payload, through ``BinaryPayloadDecodable``:
/// fields it does not ask for are skipped, not built.
///
/// Sealed personal data that the excerpt does not read is skipped, not opened. Where its fields cannot be read
/// straight from the bytes (one of them sealed, a payload of an older schema version that an upcaster must bring up
/// to date, another codec), ``RecordView``'s `decode(_:codecs:)` decodes the whole ``Source`` event the usual way
/// (opening what is sealed) and takes the excerpt from it with ``init(_:)``: both ways give the same value, which is
/// the conformance's contract (test it).
///
/// An excerpt is only ever read: it cannot be appended, as it is not an ``Event``.
///
/// ```swift
/// struct TicketOpenedRouting: EventExcerpt {
///     var ticketId: String
///     var customerId: String?
///
///     init(_ event: TicketOpened) { (ticketId, customerId) = (event.ticketId, event.customerId) }
///
///     init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
///         ticketId = try fields.string("ticketId")
///         customerId = try fields.stringIfPresent("customerId")
///     }
/// }
///
/// let routing = try view.decode(TicketOpenedRouting.self)
/// ```
public protocol EventExcerpt: BinaryPayloadDecodable, Sendable {
    /// The event the fields are taken from: its type name and schema version are the ones read.
    associatedtype Source: Event

    /// The excerpt of a whole event: the same fields ``init(binaryPayload:)`` reads from the event's payload.
    init(_ event: Source)
}
