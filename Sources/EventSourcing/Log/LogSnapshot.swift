import LMDB

/// A consistent, read-only view of the whole store at one moment.
///
/// It exists only inside ``EventStore/read(_:)``. Every read through it sees the same log, however many appends
/// commit meanwhile; readers never wait for the writer.
///
/// ```swift
/// let (head, opened) = try store.read { snapshot in
///     (snapshot.head, try snapshot.readAll(filter: EventFilter(types: ["TicketOpened"])).count)
/// }
/// ```
public struct LogSnapshot: ~Copyable {
    let txn: SnapshotTransaction
    let index: StreamIndex
    let bounds: StreamIndex.Bounds
    let upcasters: EventUpcasters
    let projections: ProjectionHost
    let keys: SubjectKeyStore

    var layout: StoreLayout { index.layout }

    /// What the views of one read share: the store's upcasters and the opener of sealed values in this snapshot.
    func context() -> RecordContext {
        RecordContext(upcasters: upcasters, opener: PayloadOpener(keys: keys, txn: txn.pointer))
    }

    /// The position of the last event (``LogPosition/start`` for an empty store).
    public var head: LogPosition { LogPosition(bounds.head) }

    /// The number of events in the store (positions have no gaps).
    public var eventCount: UInt64 { bounds.head }

    // MARK: - Single events

    /// The event at `position`, or `nil` past the head.
    /// - Throws: ``EventStoreError``.
    public func event(at position: LogPosition) throws(EventStoreError) -> RecordedEvent? {
        try mapErrors {
            try txn.withValue(layout.events, forKey: position.key) { raw in
                let context = self.context()
                return try withExtendedLifetime(context) { () throws(EventStoreError) in
                    try RecordView(position: position, bytes: raw, context: context).recordedEvent()
                }
            }
        }
    }

    /// The event with identifier `id`, or `nil` when there is none.
    /// - Throws: ``EventStoreError``.
    public func event(id: EventID) throws(EventStoreError) -> RecordedEvent? {
        let position = try mapErrors { try index.position(of: id, in: txn, bounds: bounds) }
        guard let position else { return nil }
        return try event(at: LogPosition(position))
    }

    // MARK: - Streams

    /// The stream's version: its number of events, 0 when it does not exist.
    /// - Throws: ``EventStoreError``.
    public func version(of stream: StreamName) throws(EventStoreError) -> UInt64 {
        try mapErrors { try index.version(of: stream.rawValue, in: txn, bounds: bounds) }
    }

    /// Calls `body` with each event of `stream`, without copying; `body` returns `false` to stop.
    ///
    /// - Parameters:
    ///   - version: the first version to read: forward, `nil` means 1; backward, `nil` means the newest.
    ///   - direction: oldest first or newest first.
    /// - Throws: ``EventStoreError`` or what `body` throws.
    public func forEach(
        in stream: StreamName, from version: UInt64? = nil, direction: ReadDirection = .forward,
        _ body: (RecordView) throws -> Bool
    ) throws {
        let current = try self.version(of: stream)
        guard current > 0 else { return }
        let versions: ClosedRange<UInt64>
        switch direction {
        case .forward:
            let first = max(version ?? 1, 1)
            guard first <= current else { return }
            versions = first...current
        case .backward:
            let first = min(version ?? current, current)
            guard first >= 1 else { return }
            versions = 1...first
        }
        var positions = try mapErrors { try index.positions(of: stream.rawValue, versions: versions, in: txn, bounds: bounds) }
        if direction == .backward { positions.reverse() }
        let context = self.context()
        defer { withExtendedLifetime(context) {} }
        try txn.withCursor(layout.events) { cursor in
            for position in positions {
                let found = try withUnsafeBytes(of: position.bigEndian) { key throws(LMDBError) in try cursor.seek(exactly: key) }
                guard let entry = found else {
                    throw EventStoreError.corruptRecord(
                        position: LogPosition(position), reason: "the stream index points to a missing record")
                }
                let view = try RecordView(position: LogPosition(position), bytes: entry.value, context: context)
                guard try body(view) else { return }
            }
        }
    }

    /// The events of `stream`, at most `limit`.
    ///
    /// - Parameters:
    ///   - version: the first version to read: forward, `nil` means 1; backward, `nil` means the newest.
    ///   - direction: oldest first or newest first.
    ///   - limit: the most events to return.
    /// - Throws: ``EventStoreError``.
    public func readStream(
        _ stream: StreamName, from version: UInt64? = nil, direction: ReadDirection = .forward, limit: Int = .max
    ) throws(EventStoreError) -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        guard limit > 0 else { return events }
        try mapErrors {
            try forEach(in: stream, from: version, direction: direction) { view in
                events.append(try view.recordedEvent())
                return events.count < limit
            }
        }
        return events
    }

    /// The names of the streams in `category` (`"opportunity"` lists `opportunity-…`), sorted.
    /// - Throws: ``EventStoreError``.
    public func streams(inCategory category: String) throws(EventStoreError) -> [StreamName] {
        try mapErrors {
            try index.streamNames(withPrefix: category + "-", in: txn, bounds: bounds).map { StreamName(unchecked: $0) }
        }
    }

    /// The names of every stream, sorted.
    /// - Throws: ``EventStoreError``.
    public func allStreams() throws(EventStoreError) -> [StreamName] {
        try mapErrors { try index.streamNames(withPrefix: "", in: txn, bounds: bounds).map { StreamName(unchecked: $0) } }
    }

    // MARK: - The whole log

    /// The first position recorded at or after `time`, found by binary search (recorded times never decrease
    /// along the log); `nil` when every event is older.
    /// - Throws: ``EventStoreError``.
    public func firstPosition(recordedAtOrAfter time: Timestamp) throws(EventStoreError) -> LogPosition? {
        var low: UInt64 = 1
        var high = bounds.head + 1
        while low < high {
            let middle = low + (high - low) / 2
            let recorded = try mapErrors {
                try txn.withValue(layout.events, forKey: bigEndianKey(middle)) { raw in
                    try RecordView(position: LogPosition(middle), bytes: raw).recordedAt
                }
            }
            guard let recorded else {
                throw .corruptRecord(position: LogPosition(middle), reason: "missing record inside the log")
            }
            if recorded < time { low = middle + 1 } else { high = middle }
        }
        return low <= bounds.head ? LogPosition(low) : nil
    }

    /// Calls `body` with each event after `position` that passes `filter`, in log order, without copying;
    /// `body` returns `false` to stop.
    ///
    /// Memory stays bounded however long the log: nothing is gathered.
    /// - Throws: ``EventStoreError`` or what `body` throws.
    public func forEach(after position: LogPosition = .start, filter: EventFilter = .all, _ body: (RecordView) throws -> Bool)
        throws
    {
        var start = position.rawValue + 1
        if let from = filter.recordedFrom {
            guard let first = try firstPosition(recordedAtOrAfter: from) else { return }
            start = max(start, first.rawValue)
        }
        guard start <= bounds.head else { return }
        let head = bounds.head
        let context = self.context()
        defer { withExtendedLifetime(context) {} }
        try txn.withCursor(layout.events) { cursor in
            var entry = try cursor.seek(atLeast: bigEndianKey(start))
            while let current = entry {
                let position = try current.key.position()
                if position > head { return }
                let view = try RecordView(position: LogPosition(position), bytes: current.value, context: context)
                if let before = filter.recordedBefore, view.recordedAt >= before { return }
                if filter.matches(view) {
                    guard try body(view) else { return }
                }
                entry = try cursor.next()
            }
        }
    }

    /// The events after `position` that pass `filter`, in log order, at most `limit`.
    /// - Throws: ``EventStoreError``.
    public func readAll(after position: LogPosition = .start, filter: EventFilter = .all, limit: Int = .max)
        throws(EventStoreError) -> [RecordedEvent]
    {
        var events: [RecordedEvent] = []
        guard limit > 0 else { return events }
        try mapErrors {
            try forEach(after: position, filter: filter) { view in
                events.append(try view.recordedEvent())
                return events.count < limit
            }
        }
        return events
    }

    /// How many events of each type the log holds after `position` (one pass over the log).
    /// - Throws: ``EventStoreError``.
    public func countsByType(after position: LogPosition = .start) throws(EventStoreError) -> [String: Int] {
        var counts: [String: Int] = [:]
        try mapErrors {
            try forEach(after: position) { view in
                counts[view.type, default: 0] += 1
                return true
            }
        }
        return counts
    }

    /// The chain hash of the last record, with its position: the store's checkpoint (``ChainHash/genesis`` at
    /// position 0 for an empty store).
    /// - Throws: ``EventStoreError``.
    public func chainHead() throws(EventStoreError) -> (position: LogPosition, hash: ChainHash) {
        let head = try mapErrors { try layout.head(txn) }
        return (LogPosition(head.position), ChainHash(bytes: head.hash))
    }

    /// The number of events after `position` that pass `filter`.
    /// - Throws: ``EventStoreError``.
    public func count(after position: LogPosition = .start, filter: EventFilter = .all) throws(EventStoreError) -> Int {
        if filter == .all { return Int(bounds.head - min(position.rawValue, bounds.head)) }
        var count = 0
        try mapErrors { try forEach(after: position, filter: filter) { _ in count += 1; return true } }
        return count
    }
}

/// A read transaction borrowed for the length of a snapshot closure.
struct SnapshotTransaction: ~Copyable, Transaction {
    let pointer: OpaquePointer
}

/// Runs `body`, turning LMDB and other errors into ``EventStoreError``.
@inline(__always)
func mapErrors<R>(_ body: () throws -> R) throws(EventStoreError) -> R {
    do {
        return try body()
    } catch let error as EventStoreError {
        throw error
    } catch let error as LMDBError {
        throw error.code == .environmentClosed ? .closed : .storage(error)
    } catch {
        throw .invalidInput("\(error)")
    }
}
