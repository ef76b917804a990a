/// A view folded from the event log and kept in the store's LMDB environment, in databases of its own.
///
/// A projection names itself, says which events it cares about, and applies one event at a time to keyed records
/// (``ProjectionRecords``). The store feeds it every matching event exactly once, in log order, and commits the
/// records it changed together with its checkpoint (the last position applied), so a crash never applies an event
/// twice or skips one.
///
/// ```swift
/// struct TicketsPerCustomer: Projection {
///     let name = "tickets-per-customer"
///     let version: UInt32 = 1
///     var eventTypes: Set<String> { ["TicketOpened", "TicketClosed"] }
///
///     func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
///         let customer = event.stream.rawValue
///         let change = event.type == "TicketOpened" ? 1 : -1
///         try records.update(customer, default: 0) { $0 += change }
///     }
/// }
/// ```
///
/// Rules for a correct projection:
/// - ``apply(_:to:)`` depends only on the event and the records: no clock, no randomness, no I/O. The same log
///   then always gives the same state, which is what rebuilds and time travel rely on.
/// - Raise ``version`` whenever the code changes what the records hold: the store then rebuilds the projection
///   from the start into fresh databases, while the old state keeps serving reads, and swaps it in atomically.
/// - A thrown error stops the projection at that event (``EventStoreError/projectionFailed(name:position:reason:)``);
///   nothing of the failing batch is kept.
public protocol Projection: Sendable {
    /// The value stored under each key.
    associatedtype Value: Codable & Sendable

    /// The projection's stable name (it names its databases and its checkpoint): 1 to 64 bytes of letters,
    /// digits, `-`, `_` and `.`.
    var name: String { get }
    /// The version of the projection's code; a change rebuilds it.
    var version: UInt32 { get }
    /// The event types it is fed; empty (the default) means every type.
    var eventTypes: Set<String> { get }
    /// The stream categories it is fed (`"customer"` for `customer-…`); empty (the default) means every stream.
    var categories: Set<String> { get }

    /// Applies one event to the records.
    /// - Throws: anything, to stop the projection at this event.
    func apply(_ event: RecordView, to records: inout ProjectionRecords<Value>) throws
}

extension Projection {
    /// Every type.
    public var eventTypes: Set<String> { [] }
    /// Every stream.
    public var categories: Set<String> { [] }

    /// The filter of the events the projection is fed.
    var filter: EventFilter { EventFilter(types: eventTypes, categories: categories) }
}

/// A projection that is one value folded by a pure function: `(state, event) -> state`.
///
/// The state is stored under the key ``stateKey``; everything else works as for ``Projection``.
///
/// ```swift
/// struct OpenTicketCount: FoldProjection {
///     let name = "open-tickets"
///     let version: UInt32 = 1
///     var eventTypes: Set<String> { ["TicketOpened", "TicketClosed"] }
///     var initialState: Int { 0 }
///
///     func fold(_ state: Int, _ event: RecordView) throws -> Int {
///         event.type == "TicketOpened" ? state + 1 : state - 1
///     }
/// }
/// ```
public protocol FoldProjection: Projection where Value == State {
    /// The folded value.
    associatedtype State: Codable & Sendable

    /// The state before any event.
    var initialState: State { get }

    /// The state after `event`.
    /// - Throws: anything, to stop the projection at this event.
    func fold(_ state: State, _ event: RecordView) throws -> State
}

extension FoldProjection {
    /// The key under which a fold projection keeps its state.
    public static var stateKey: String { "state" }

    /// Folds the event into the state record.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<State>) throws {
        let current = try records.value(forKey: Self.stateKey) ?? initialState
        records.set(try fold(current, event), forKey: Self.stateKey)
    }
}

/// When a projection is brought up to date.
public enum ProjectionMode: Sendable, Hashable {
    /// In the same transaction as each append, once the projection has caught up with the log: a read right
    /// after an append sees its effect. A projection that throws then fails that append, which writes nothing.
    case inline
    /// By the store's projection runner, shortly after each commit, in batches; appends never wait for it.
    /// ``EventStore/waitForProjection(_:toReach:)`` waits until it has applied a given position.
    case async
}
