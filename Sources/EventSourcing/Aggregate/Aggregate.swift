/// The state of one stream (an opportunity, a ticket, a customer), folded from the stream's events, as the
/// commands that decide on it need it.
///
/// ```swift
/// enum TicketAggregate: Aggregate {
///     struct State: Codable, Sendable { var isOpen = false; var replies = 0 }
///     static let name = "ticket"
///     static var initialState: State { State() }
///     static func apply(_ event: RecordView, to state: inout State) throws {
///         if event.type == "TicketOpened" { state.isOpen = true }
///         if event.type == "TicketResponded" { state.replies += 1 }
///     }
/// }
/// let ticket = try await store.aggregate(TicketAggregate.self, stream: StreamName("ticket-9"))
/// ```
///
/// For long streams the store keeps snapshots: the state at some version, from which a load folds only the newer
/// events. A snapshot is used only while its ``snapshotSchemaVersion`` equals the aggregate's; raise it whenever
/// ``State``'s shape or ``apply(_:to:)``'s meaning changes, and older snapshots are ignored.
public protocol Aggregate: Sendable {
    /// The folded state.
    associatedtype State: Codable & Sendable

    /// A stable name (it keys the aggregate's snapshots).
    static var name: String { get }
    /// The version of ``State``'s shape and meaning; snapshots of another version are ignored.
    static var snapshotSchemaVersion: UInt32 { get }
    /// After how many events folded past the last snapshot a load saves a new one; 0 never saves by itself.
    static var snapshotInterval: UInt64 { get }
    /// The state of a stream without events.
    static var initialState: State { get }

    /// Folds one event of the stream into the state.
    /// - Throws: anything, to fail the load.
    static func apply(_ event: RecordView, to state: inout State) throws
}

extension Aggregate {
    /// Version 1.
    public static var snapshotSchemaVersion: UInt32 { 1 }
    /// Every 500 events.
    public static var snapshotInterval: UInt64 { 500 }
}

/// An aggregate's state with where it stands in its stream.
public struct AggregateState<State: Sendable>: Sendable {
    /// The folded state.
    public var state: State
    /// The stream version folded (0: no event); append with `.exactly(version)` to decide on this state.
    public var version: UInt64
    /// The log position of the last event folded (``LogPosition/start`` for none).
    public var position: LogPosition
    /// Whether a stored snapshot was the starting point.
    public var fromSnapshot: Bool
    /// How many events were folded on top of the starting point.
    public var eventsFolded: UInt64
}
