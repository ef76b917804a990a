/// Where a subscription starts.
public enum SubscriptionStart: Sendable, Hashable {
    /// With the first event of the log.
    case start
    /// With the first event after this position.
    case after(LogPosition)
    /// With the first event appended after the subscription was made.
    case now
}

/// The events of the log in order, as an `AsyncSequence`: first those already recorded (catch-up), then each new
/// one as soon as its commit is durable (live).
///
/// ```swift
/// for try await event in try store.subscribe(from: .after(checkpoint), filter: EventFilter(categories: ["ticket"])) {
///     try await handle(event)
///     checkpoint = event.position
/// }
/// ```
///
/// The subscription always reads the log itself, by position, so there is no gap and no duplicate at the
/// hand-over from catch-up to live, and the order is the log's. It holds no transaction while the consumer
/// works, so a slow consumer never holds up appends; it only falls behind. Cancelling the consuming task ends
/// the sequence (`next()` returns `nil`) and releases everything; so does closing the store. The time window of
/// the filter bounds the sequence: it starts at `recordedFrom` and ends before the first event recorded at or
/// after `recordedBefore`.
///
/// New events are noticed as this process commits them; appends by other processes on the same store within about
/// 50 ms (the store's projection thread looks for them while it is idle).
public struct EventSubscription: AsyncSequence, Sendable {
    /// Each event as the store recorded it.
    public typealias Element = RecordedEvent
    /// What a read can throw.
    public typealias Failure = EventStoreError

    let store: EventStore
    let after: LogPosition
    let filter: EventFilter
    let batchSize: Int

    /// The iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(store: store, position: after, filter: filter, batchSize: batchSize)
    }

    /// Reads the log in batches and waits for commits when it has caught up.
    public struct Iterator: AsyncIteratorProtocol {
        /// Each event.
        public typealias Element = RecordedEvent
        /// What a read can throw.
        public typealias Failure = EventStoreError

        let store: EventStore
        /// The last position read (delivered or skipped by the filter).
        var position: LogPosition
        let filter: EventFilter
        let batchSize: Int
        var buffer: [RecordedEvent] = []
        var next = 0
        var finished = false

        init(store: EventStore, position: LogPosition, filter: EventFilter, batchSize: Int) {
            self.store = store
            self.position = position
            self.filter = filter
            self.batchSize = batchSize
        }

        /// The next event, waiting for one to be appended when the log has none; `nil` once cancelled, past the
        /// filter's time window, or when the store is closed.
        /// - Throws: ``EventStoreError`` when reading the log fails.
        public mutating func next() async throws(EventStoreError) -> RecordedEvent? {
            try await next(isolation: nil)
        }

        /// The next event (for callers isolated to an actor); see ``next()``.
        /// - Throws: ``EventStoreError`` when reading the log fails.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(EventStoreError) -> RecordedEvent? {
            while true {
                if next < buffer.count {
                    defer { next += 1 }
                    return buffer[next]
                }
                if finished || Task.isCancelled { return nil }
                try readBatch()
                if next < buffer.count || finished { continue }
                // The runner thread watches for other processes' commits while this waits.
                _ = try? store.projections.runner()
                switch await store.projections.head.wait(until: position.rawValue + 1) {
                case .reached: continue
                case .closed, .cancelled: return nil
                case .failed(let error): throw error
                }
            }
        }

        /// Reads up to a batch of matching events after ``position``.
        private mutating func readBatch() throws(EventStoreError) {
            buffer.removeAll(keepingCapacity: true)
            next = 0
            let (from, filter, limit) = (position, self.filter, batchSize)
            let result = try mapErrors {
                try store.read { snapshot -> (events: [RecordedEvent], last: LogPosition, ended: Bool) in
                    var events: [RecordedEvent] = []
                    var last = from
                    var ended = false
                    var scan = filter
                    scan.types = []
                    scan.categories = []
                    try snapshot.forEach(after: from, filter: scan) { view in
                        last = view.position
                        if filter.matches(view) { events.append(try view.recordedEvent()) }
                        return events.count < limit
                    }
                    if events.count < limit, let before = filter.recordedBefore {
                        // The scan stopped at the window's end, or at the head: past the end means finished.
                        let head = snapshot.head
                        if head > last, let after = try snapshot.event(at: last.next), after.recordedAt >= before {
                            ended = true
                        }
                    }
                    if events.count < limit && !ended { last = Swift.max(last, snapshot.head) }
                    return (events, last, ended)
                }
            }
            buffer = result.events
            position = result.last
            finished = result.ended
        }
    }
}

extension EventStore {
    /// A subscription to the log's events from `start`, filtered by type, category and time window.
    ///
    /// See ``EventSubscription``.
    /// - Parameter batchSize: how many events each read of the log takes at most.
    /// - Throws: ``EventStoreError`` when the head cannot be read (for ``SubscriptionStart/now``).
    public func subscribe(from start: SubscriptionStart = .start, filter: EventFilter = .all, batchSize: Int = 256)
        throws(EventStoreError) -> EventSubscription
    {
        let after: LogPosition
        switch start {
        case .start: after = .start
        case .after(let position): after = position
        case .now: after = try head()
        }
        return EventSubscription(store: self, after: after, filter: filter, batchSize: max(1, batchSize))
    }
}
