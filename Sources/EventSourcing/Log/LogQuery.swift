/// A search of the log: an ``EventFilter`` plus streams, actors and a position range, with a limit.
///
/// All conditions must hold; an empty set or `nil` does not filter. The log is read in order once; conditions on
/// the record's type, category and time are checked without decoding, streams and actors on the decoded event.
///
/// ```swift
/// var query = LogQuery(filter: EventFilter(categories: ["ticket"]), actors: ["usr-7"], limit: 50)
/// let events = try store.read { try $0.events(matching: query) }
/// ```
public struct LogQuery: Sendable, Hashable {
    /// The type, category and recorded-time conditions.
    public var filter: EventFilter
    /// Only events of these streams.
    public var streams: Set<StreamName>
    /// Only events caused by these actors.
    public var actors: Set<String>
    /// Only events after this position.
    public var after: LogPosition
    /// Only events at or before this position.
    public var through: LogPosition?
    /// At most this many events (the first ones in log order).
    public var limit: Int

    /// Creates a query.
    public init(
        filter: EventFilter = .all, streams: Set<StreamName> = [], actors: Set<String> = [], after: LogPosition = .start,
        through: LogPosition? = nil, limit: Int = .max
    ) {
        self.filter = filter
        self.streams = streams
        self.actors = actors
        self.after = after
        self.through = through
        self.limit = limit
    }
}

extension LogSnapshot {
    /// Calls `body` with each event that `query` matches, in log order, up to its limit; `body` returns `false`
    /// to stop. Memory stays bounded: nothing is gathered.
    /// - Throws: ``EventStoreError`` or what `body` throws.
    public func forEach(matching query: LogQuery, _ body: (RecordedEvent) throws -> Bool) throws {
        guard query.limit > 0 else { return }
        var found = 0
        let streamBytes = Set(query.streams.map { Array($0.rawValue.utf8) })
        try forEach(after: query.after, filter: query.filter) { view in
            if let through = query.through, view.position > through { return false }
            if !streamBytes.isEmpty && !streamBytes.contains(Array(view.streamBytes)) { return true }
            let event = try view.recordedEvent()
            if !query.actors.isEmpty && !query.actors.contains(event.actor ?? "") { return true }
            found += 1
            guard try body(event) else { return false }
            return found < query.limit
        }
    }

    /// The events that `query` matches, in log order, up to its limit.
    /// - Throws: ``EventStoreError``.
    public func events(matching query: LogQuery) throws(EventStoreError) -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        try mapErrors {
            try forEach(matching: query) { event in
                events.append(event)
                return true
            }
        }
        return events
    }
}
