public import EventSourcing

/// The current state of one record, folded from its stream: what the commands decide from.
///
/// Events of types a state does not know are skipped, so older code can read newer streams.
public protocol AggregateState: Sendable {
    /// The stream category: the stream of record `id` is `<category>-<id>`.
    static var category: String { get }
    /// An empty state for the record `id` (before its first event).
    init(id: String)
    /// The record's identifier.
    var id: String { get }
    /// The stream's version: the number of events folded (0: the record does not exist).
    var version: UInt64 { get }
    /// Folds one recorded event of the record's stream.
    /// - Throws: ``EventStoreError`` when the payload does not decode.
    mutating func apply(_ event: RecordedEvent) throws(EventStoreError)
}

extension AggregateState {
    /// Whether the record exists (its stream has events).
    public var exists: Bool { version > 0 }
}

/// The state of a business record (a customer, an opportunity, a ticket, ...), named by its ``EntityKind``.
public protocol EntityState: AggregateState {
    /// The kind of record.
    static var kind: EntityKind { get }
}

extension EntityState {
    /// The kind's name: `customer`, `opportunity`.
    public static var category: String { kind.rawValue }

    /// A reference to the record.
    public var ref: EntityRef { EntityRef(kind: Self.kind, id: id) }
}
