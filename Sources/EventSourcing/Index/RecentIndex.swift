import LMDB

/// The stream and identifier index of the log's tail, kept in memory until it is merged into the index databases.
///
/// Writing a `(stream, version) → position` entry and an `id → position` entry for every event, in the same
/// commit as the event, copies one random B-tree page per event: with 1,000 events of 1,000 streams per commit,
/// a thousand pages per commit. Instead, appends write only the log (whose keys only grow, so its pages fill in
/// order), and this in-memory index answers for the events after `indexed-through`. Every so often an index
/// merge writes the tail's entries into `streams`, `stream-events` and `event-ids` in one sorted pass and
/// advances `indexed-through`. This is the memtable design of KurrentDB's index: the log is the truth, and the
/// tail index is rebuilt from it after a restart (by scanning the events after `indexed-through`) or when
/// another process has appended.
///
/// Entries cover the positions `(base, covered]`. A reader whose snapshot has `indexed-through` below `base`
/// (a merge and prune happened after its snapshot began) cannot use it and scans the log instead.
final class RecentIndex: Sendable {
    struct Entry: Sendable {
        var version: UInt64
        var position: UInt64
    }

    /// One appended event, as the writer reports it after a commit.
    struct Appended: Sendable {
        var stream: String
        var version: UInt64
        var position: UInt64
        var id: EventID
    }

    struct State: Sendable {
        var base: UInt64 = 0
        var covered: UInt64 = 0
        var streams: [String: [Entry]] = [:]
        var ids: [EventID: UInt64] = [:]
        var count = 0

        mutating func add(_ event: Appended) {
            streams[event.stream, default: []].append(Entry(version: event.version, position: event.position))
            ids[event.id] = event.position
            count += 1
            covered = event.position
        }
    }

    private let state = Locked(State())

    /// The number of events the tail index holds.
    var count: Int { state.withLock { $0.count } }

    /// Makes sure the index covers the snapshot's log up to `head`, reading the missing events from the log.
    func catchUp(
        through head: UInt64, indexedThrough: UInt64, in txn: borrowing some Transaction & ~Copyable,
        layout: StoreLayout
    ) throws {
        if state.withLock({ $0.covered >= head }) { return }
        var missing: [Appended] = []
        let from = state.withLock { state -> UInt64 in
            if state.covered < indexedThrough {
                // Everything we hold is already in the index databases.
                state = State(base: indexedThrough, covered: indexedThrough)
            }
            return state.covered
        }
        guard from < head else { return }
        try txn.withCursor(layout.events) { cursor in
            var entry = try cursor.seek(atLeast: bigEndianKey(from + 1))
            while let current = entry {
                let position = try current.key.position()
                if position > head { break }
                let view = try RecordView(position: LogPosition(position), bytes: current.value)
                missing.append(
                    Appended(
                        stream: String(decoding: view.streamBytes, as: UTF8.self), version: view.streamVersion,
                        position: position, id: view.id))
                entry = try cursor.next()
            }
        }
        record(missing)
    }

    /// Adds events appended (and committed) in position order. Events the index already covers are skipped; a gap
    /// (another process appended in between) leaves the index as it is, to be caught up by the next reader.
    func record(_ events: [Appended]) {
        guard let first = events.first else { return }
        state.withLock { state in
            guard first.position <= state.covered + 1 else { return }
            for event in events where event.position > state.covered {
                state.add(event)
            }
        }
    }

    /// The tail entries of `stream` with positions in `(after, through]`, or `nil` when the index cannot answer
    /// for that range (it was pruned past `after`).
    func entries(of stream: String, after: UInt64, through: UInt64) -> [Entry]? {
        state.withLock { state in
            guard state.base <= after, state.covered >= through else { return nil }
            guard let entries = state.streams[stream] else { return [] }
            return entries.filter { $0.position > after && $0.position <= through }
        }
    }

    /// The last tail entry of `stream` in `(after, through]`; `.some(nil)` when there is none, `nil` when the
    /// index cannot answer.
    func lastEntry(of stream: String, after: UInt64, through: UInt64) -> Entry?? {
        state.withLock { state -> Entry?? in
            guard state.base <= after, state.covered >= through else { return nil }
            guard let entries = state.streams[stream] else { return .some(nil) }
            return .some(entries.last { $0.position > after && $0.position <= through })
        }
    }

    /// The position of the event `id` in `(after, through]`; `.some(nil)` when it is not there, `nil` when the
    /// index cannot answer.
    func position(of id: EventID, after: UInt64, through: UInt64) -> UInt64?? {
        state.withLock { state -> UInt64?? in
            guard state.base <= after, state.covered >= through else { return nil }
            guard let position = state.ids[id], position > after, position <= through else { return .some(nil) }
            return .some(position)
        }
    }

    /// The names of the tail's streams that start with `prefix`, with entries in `(after, through]`.
    func streamNames(withPrefix prefix: String, after: UInt64, through: UInt64) -> [String]? {
        state.withLock { state -> [String]? in
            guard state.base <= after, state.covered >= through else { return nil }
            return state.streams.compactMap { name, entries in
                name.hasPrefix(prefix) && entries.contains { $0.position > after && $0.position <= through }
                    ? name : nil
            }
        }
    }

    /// Everything in `(after, through]`, for an index merge.
    func contents(after: UInt64, through: UInt64) -> (streams: [String: [Entry]], ids: [(EventID, UInt64)])? {
        state.withLock { state -> (streams: [String: [Entry]], ids: [(EventID, UInt64)])? in
            guard state.base <= after, state.covered >= through else { return nil }
            var streams: [String: [Entry]] = [:]
            for (name, entries) in state.streams {
                let selected = entries.filter { $0.position > after && $0.position <= through }
                if !selected.isEmpty { streams[name] = selected }
            }
            let ids = state.ids.filter { $0.value > after && $0.value <= through }.map { ($0.key, $0.value) }
            return (streams, ids)
        }
    }

    /// Drops the entries at or before `position`, once they are in the index databases.
    func prune(through position: UInt64) {
        state.withLock { state in
            guard position > state.base else { return }
            var kept = State(base: position, covered: max(state.covered, position))
            for (name, entries) in state.streams {
                let rest = entries.filter { $0.position > position }
                if !rest.isEmpty {
                    kept.streams[name] = rest
                    kept.count += rest.count
                }
            }
            kept.ids = state.ids.filter { $0.value > position }
            state = kept
        }
    }
}
