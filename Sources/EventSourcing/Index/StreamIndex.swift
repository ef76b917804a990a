import Foundation
import LMDB

/// Answers "which positions hold this stream's events?" and "where is the event with this id?" by combining the
/// index databases (everything up to `indexed-through`) with the ``RecentIndex`` (the tail after it).
struct StreamIndex: Sendable {
    let layout: StoreLayout
    let recent: RecentIndex

    /// What a caller knows of the ids in `event-ids`.
    enum IndexedIDs {
        /// Nothing: every look-up probes the database.
        case unknown
        /// The greatest id there (`nil`: none), read in the same transaction.
        case through(EventID?)
    }

    /// A consistent view of the log's bounds in one transaction.
    struct Bounds {
        /// The last position in the log.
        var head: UInt64
        /// The last position in the index databases.
        var indexedThrough: UInt64
    }

    /// The stream's head as of the index databases.
    func mergedHead(of stream: String, in txn: borrowing some Transaction & ~Copyable) throws -> StreamHead? {
        try txn.withValue(layout.streams, forKey: Array(stream.utf8)) { raw in StreamHead(raw) } ?? nil
    }

    /// The stream's version (its number of events) in the snapshot.
    func version(of stream: String, in txn: borrowing some Transaction & ~Copyable, bounds: Bounds) throws -> UInt64 {
        if let tail = recent.lastEntry(of: stream, after: bounds.indexedThrough, through: bounds.head) {
            if let tail { return tail.version }
        } else if let last = try scanTail(of: stream, in: txn, bounds: bounds).last {
            return last.version
        }
        return try mergedHead(of: stream, in: txn)?.version ?? 0
    }

    /// The positions of the stream's events with versions in `versions`, in version order.
    func positions(
        of stream: String, versions: ClosedRange<UInt64>, in txn: borrowing some Transaction & ~Copyable,
        bounds: Bounds
    ) throws -> [UInt64] {
        var result: [UInt64] = []
        if let head = try mergedHead(of: stream, in: txn), versions.lowerBound <= head.version {
            let last = min(head.version, versions.upperBound)
            result.reserveCapacity(Int(last - versions.lowerBound + 1))
            try txn.withCursor(layout.streamEvents) { cursor in
                var entry = try cursor.seek(atLeast: StreamHead.key(number: head.number, version: versions.lowerBound))
                while let current = entry, current.key.count == 16,
                    current.key.bigEndianUInt64(at: 0) == head.number, current.key.bigEndianUInt64(at: 8) <= last
                {
                    result.append(try current.value.position())
                    entry = try cursor.next()
                }
            }
        }
        let tail: [RecentIndex.Entry]
        if let known = recent.entries(of: stream, after: bounds.indexedThrough, through: bounds.head) {
            tail = known
        } else {
            tail = try scanTail(of: stream, in: txn, bounds: bounds)
        }
        for entry in tail where versions.contains(entry.version) { result.append(entry.position) }
        return result
    }

    /// The greatest id in `event-ids` (`nil` when it is empty). An id above it cannot be in that database, so the
    /// writer, which reads it once per batch, skips the B-tree probe for fresh ids: ids made by ``EventID/make()``
    /// are time-ordered, so almost every new id is above it.
    func newestIndexedID(in txn: borrowing some Transaction & ~Copyable) throws -> EventID? {
        try txn.withCursor(layout.eventIDs) { cursor in
            try cursor.last().flatMap { $0.key.count == 16 ? EventID(bytes: $0.key) : nil }
        }
    }

    /// The position of the event `id`, or `nil` when the snapshot has no such event.
    ///
    /// `indexedIDs` is what ``newestIndexedID(in:)`` read in the same transaction, when the caller knows it: the
    /// look-up in `event-ids` is skipped for an id above it.
    func position(
        of id: EventID, in txn: borrowing some Transaction & ~Copyable, bounds: Bounds,
        indexedIDs: IndexedIDs = .unknown
    ) throws -> UInt64? {
        if let tail = recent.position(of: id, after: bounds.indexedThrough, through: bounds.head) {
            if let tail { return tail }
        } else {
            var found: UInt64?
            try scanLog(after: bounds.indexedThrough, through: bounds.head, in: txn) { view in
                if view.id == id { found = view.position.rawValue }
                return found == nil
            }
            if let found { return found }
        }
        if case .through(let newest) = indexedIDs, newest.map({ $0 < id }) ?? true { return nil }
        return try withUnsafeBytes(of: id.uuid.uuid) { key in
            try txn.withValue(layout.eventIDs, forKey: key) { raw in raw.count == 8 ? raw.bigEndianUInt64() : nil }
        } ?? nil
    }

    /// The names of streams that start with `prefix`, sorted by their bytes.
    func streamNames(withPrefix prefix: String, in txn: borrowing some Transaction & ~Copyable, bounds: Bounds) throws
        -> [String]
    {
        var names: Set<String> = []
        let prefixBytes = Array(prefix.utf8)
        try txn.withCursor(layout.streams) { cursor in
            var entry = prefixBytes.isEmpty ? try cursor.first() : try cursor.seek(atLeast: prefixBytes)
            while let current = entry, current.key.starts(with: prefixBytes) {
                names.insert(String(decoding: current.key, as: UTF8.self))
                entry = try cursor.next()
            }
        }
        if let tail = recent.streamNames(withPrefix: prefix, after: bounds.indexedThrough, through: bounds.head) {
            names.formUnion(tail)
        } else {
            try scanLog(after: bounds.indexedThrough, through: bounds.head, in: txn) { view in
                if view.streamBytes.starts(with: prefixBytes) {
                    names.insert(String(decoding: view.streamBytes, as: UTF8.self))
                }
                return true
            }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The tail entries of one stream read from the log itself (when the recent index cannot answer).
    private func scanTail(of stream: String, in txn: borrowing some Transaction & ~Copyable, bounds: Bounds) throws
        -> [RecentIndex.Entry]
    {
        var entries: [RecentIndex.Entry] = []
        let name = Array(stream.utf8)
        try scanLog(after: bounds.indexedThrough, through: bounds.head, in: txn) { view in
            if view.hasStream(name) {
                entries.append(RecentIndex.Entry(version: view.streamVersion, position: view.position.rawValue))
            }
            return true
        }
        return entries
    }

    private func scanLog(
        after: UInt64, through: UInt64, in txn: borrowing some Transaction & ~Copyable,
        _ body: (RecordView) throws -> Bool
    ) throws {
        guard after < through else { return }
        try txn.withCursor(layout.events) { cursor in
            var entry = try cursor.seek(atLeast: bigEndianKey(after + 1))
            while let current = entry {
                let position = try current.key.position()
                guard position <= through else { return }
                guard try body(try RecordView(position: LogPosition(position), bytes: current.value)) else { return }
                entry = try cursor.next()
            }
        }
    }
}
