import Dispatch
import Foundation
import LMDB
import Synchronization

/// The keyed records of one projection, as a projection's ``Projection/apply(_:to:)`` sees and changes them.
///
/// Reads come from the projection's database (or from what this batch already changed); writes stay in memory
/// until the batch commits, together with the projection's checkpoint. Keys are 1 to 400 bytes of UTF-8, compared as
/// their bytes, as the database compares them: two spellings of the same text with different code points (a
/// precomposed `é` and `e` with a combining accent), which `String`'s `==` deems equal, are two keys.
///
/// The records are a value: a copy keeps what it saw. Changing either copies the batch's table whole, once, so
/// `apply` should change the records it was handed rather than a copy of them.
///
/// ```swift
/// try records.update("customer-42", default: Summary()) { $0.openTickets += 1 }
/// records.removeValue(forKey: "customer-7")
/// ```
public struct ProjectionRecords<Value: Codable & Sendable> {
    // The members a projection's `apply` uses are inlinable, so that they are specialised for the projection's
    // value type in the projection's own module (unspecialised generic code costs several times more).

    /// The records read or changed so far: what this batch changed, and what earlier batches of the same writer
    /// read or wrote (kept while they are few, so that a key read again costs no decode). Values lie in one array,
    /// so that ``update(_:default:_:)`` changes a value where it lies, without moving or copying it.
    @usableFromInline var table: RecordTable<Value>
    /// How many keys are changed.
    @usableFromInline var changes = 0
    /// The number of the batch in progress (from 1; each commit starts the next).
    @usableFromInline var batch: UInt32 = 1
    @usableFromInline let source: RecordSource?
    /// The first key set in this batch that is not a valid key (the batch then fails at that event).
    @usableFromInline var invalidKey: String?

    /// The longest key accepted, in bytes (LMDB's limit is 511, less the room the store keeps).
    public static var maximumKeyLength: Int { 400 }

    /// Records over `source`, with room for `expectedRecords` of them (0: none made ahead), so that a rebuild
    /// that will hold hundreds of thousands does not grow its table a doubling at a time.
    init(source: RecordSource?, expectedRecords: Int = 0) {
        self.source = source
        table = RecordTable(capacity: min(expectedRecords, Self.largestReservation))
    }

    /// The most records room is made for ahead (a bound on what a wrong estimate costs: some 50 bytes of table a
    /// record and the values' own room, for at most four million records and 256 MiB of values).
    static var largestReservation: Int {
        max(1, min(4_000_000, (256 << 20) / max(1, MemoryLayout<Value>.stride)))
    }

    /// The handle of `key` in the table, if it holds it.
    @inlinable
    func handle(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { table.handle(of: UnsafeRawBufferPointer($0)) }
    }

    /// The handle of `key` in the table, which then holds it: when it did not, with its stored value read from the
    /// source (absent keys are remembered too: a key looked up again, as most are in a rebuild, is not read again).
    /// `nil` when the table did not hold it and there is no source.
    @inlinable
    mutating func loadedHandle(of key: String) throws(EventStoreError) -> Int? {
        if let handle = handle(of: key) { return handle }
        guard let source else { return nil }
        let value: Value? = try source.load(key)
        return added(key, value: value, changedIn: 0)
    }

    /// Adds `key`, which the table does not hold, with `value`; returns its handle.
    @inlinable
    mutating func added(_ key: String, value: Value?, changedIn: UInt32) -> Int {
        var key = key
        return key.withUTF8 { table.insert(UnsafeRawBufferPointer($0), value: value, changedIn: changedIn) }
    }

    /// Counts the key at `handle` changed in this batch.
    @inlinable
    mutating func markChanged(_ handle: Int) {
        if table.markChanged(handle, in: batch) { changes += 1 }
    }

    /// The value stored under `key`, or `nil`.
    /// - Throws: ``EventStoreError`` when the stored value cannot be read or decoded.
    @inlinable
    public mutating func value(forKey key: String) throws(EventStoreError) -> Value? {
        guard let handle = try loadedHandle(of: key) else { return nil }
        return table.value(handle)
    }

    /// What `body` reads of the value stored under `key`, without copying the value; `nil` when there is none.
    ///
    /// For a part of a large record (an index entry's list of ids, say): ``value(forKey:)`` returns a copy of the
    /// whole value, which retains each of its fields. The value is not changed (and not written at the commit).
    /// - Throws: ``EventStoreError`` when the stored value cannot be read or decoded, or what `body` throws.
    @inlinable
    public mutating func withValue<R>(forKey key: String, _ body: (Value) throws -> R) throws -> R? {
        guard let handle = try loadedHandle(of: key) else { return nil }
        return try table.withValue(handle, body)
    }

    /// Stores `value` under `key`.
    @inlinable
    public mutating func set(_ value: Value, forKey key: String) {
        if invalidKey == nil, !Self.isValid(key) { invalidKey = key }
        if let handle = handle(of: key) {
            markChanged(handle)
            table.setValue(value, at: handle)
        } else {
            _ = added(key, value: value, changedIn: batch)
            changes += 1
        }
    }

    /// Whether `key` is 1 to ``maximumKeyLength`` bytes.
    @inlinable
    static func isValid(_ key: String) -> Bool {
        let count = key.utf8.count
        return count > 0 && count <= maximumKeyLength
    }

    /// Removes the value stored under `key`, if any.
    @inlinable
    public mutating func removeValue(forKey key: String) {
        if invalidKey == nil, !Self.isValid(key) { invalidKey = key }
        if let handle = handle(of: key) {
            markChanged(handle)
            table.removeValue(at: handle)
        } else {
            _ = added(key, value: nil, changedIn: batch)
            changes += 1
        }
    }

    /// Changes the value under `key` in place, starting from `initial` when there is none.
    ///
    /// The value is changed where it lies, not copied or moved: a record holding long arrays costs the same to
    /// change as a small one. When `body` throws, the changes it made before throwing are kept (a projection whose
    /// `apply` throws fails, and its batch is dropped).
    /// - Throws: ``EventStoreError`` when the stored value cannot be read, or what `body` throws.
    @inlinable
    public mutating func update(
        _ key: String, default initial: @autoclosure () -> Value, _ body: (inout Value) throws -> Void
    ) throws {
        let handle: Int
        if let found = self.handle(of: key) {
            handle = found
        } else {
            if invalidKey == nil, !Self.isValid(key) { invalidKey = key }
            let stored: Value? = try source?.load(key)
            handle = added(key, value: stored, changedIn: 0)
        }
        markChanged(handle)
        try table.modify(handle, default: initial, body)
    }

    /// Changes the value under `key` in place when there is one; does nothing when there is none.
    ///
    /// Like ``update(_:default:_:)``, the value is changed where it lies, and changes `body` made before throwing
    /// are kept.
    /// - Returns: whether there was a value (and `body` ran).
    /// - Throws: ``EventStoreError`` when the stored value cannot be read, or what `body` throws.
    @inlinable @discardableResult
    public mutating func updateIfPresent(_ key: String, _ body: (inout Value) throws -> Void) throws -> Bool {
        guard let handle = try loadedHandle(of: key), table.slot(handle) != nil else { return false }
        markChanged(handle)
        return try table.modifyIfPresent(handle, body)
    }

    /// The number of keys changed in this batch.
    public var changedCount: Int { changes }

    /// The changes of a batch in LMDB's key order, ready to be written in one transaction or in several.
    struct Writes: @unchecked Sendable {
        // @unchecked: it shares the batch's arrays of keys and values, which nothing changes from the time the writes
        // are prepared until they are written (no event is applied in between); a write that encodes ahead reads them
        // from a second thread meanwhile.
        /// The keys' bytes (the table's).
        fileprivate var bytes: [UInt8] = []
        /// Each change's key in ``bytes``.
        fileprivate var spans: [(start: Int, count: Int)] = []
        /// The table's values: shared with the batch, not copied.
        fileprivate var values: [Value] = []
        /// Each change's slot in ``values`` (-1: the key is removed).
        fileprivate var slots: [Int] = []
        /// The changes' indices in key order.
        fileprivate var order: [Int] = []

        /// How many records change.
        var count: Int { order.count }

        /// The value of the change at `index` (`nil`: the key is removed).
        fileprivate func value(of index: Int) -> Value? {
            let slot = slots[index]
            return slot < 0 ? nil : values[slot]
        }
    }

    /// The changes in key order. Keys in LMDB's order (their UTF-8 bytes) touch the B-tree's pages in order. The
    /// keys' bytes (in one buffer) are compared with memcmp, far cheaper than comparing `String`s (Unicode's rules)
    /// or arrays element by element; the sort moves indices, not the (possibly large) values.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` for a key that is empty or too long.
    func changesInKeyOrder() throws -> Writes {
        var writes = Writes()
        writes.bytes = table.keyBytes
        writes.values = table.values
        writes.slots.reserveCapacity(changes)
        writes.spans.reserveCapacity(changes)
        for handle in table.handles where table.batch(handle) == batch {
            let span = table.span(handle)
            guard span.count > 0, span.count <= Self.maximumKeyLength else {
                throw EventStoreError.invalidInput(
                    "a projection key must be 1 to \(Self.maximumKeyLength) bytes (got \(span.count))")
            }
            writes.slots.append(table.slot(handle) ?? -1)
            writes.spans.append(span)
        }
        var order = Array(writes.spans.indices)
        writes.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // Each key's first 16 bytes as two big-endian words (zero after its end), compared before the bytes: they
            // order most pairs of keys; a pair they do not (equal there) is compared byte by byte.
            let prefixes = writes.spans.map { span in
                var words: (UInt64, UInt64) = (0, 0)
                withUnsafeMutableBytes(of: &words) { raw in
                    let count = min(span.count, 16)
                    // The first word's bytes then the second's, each word read big-endian below.
                    raw.baseAddress?.copyMemory(from: base + span.start, byteCount: count)
                }
                return (UInt64(bigEndian: words.0), UInt64(bigEndian: words.1))
            }
            prefixes.withUnsafeBufferPointer { prefixes in
                writes.spans.withUnsafeBufferPointer { spans in
                    order.sort { a, b in
                        let (p, q) = (prefixes[a], prefixes[b])
                        if p.0 != q.0 { return p.0 < q.0 }
                        if p.1 != q.1 { return p.1 < q.1 }
                        let (left, right) = (spans[a], spans[b])
                        let common = memcmp(base + left.start, base + right.start, min(left.count, right.count))
                        return common != 0 ? common < 0 : left.count < right.count
                    }
                }
            }
        }
        writes.order = order
        return writes
    }

    /// Writes the changes to `database`. It changes nothing in memory, so a write transaction that runs again
    /// (after the map grew) writes the same.
    func write(into database: Database, txn: borrowing WriteTransaction, encodingAhead: Bool = false) throws {
        let writes = try changesInKeyOrder()
        try write(writes, range: 0..<writes.count, into: database, txn: txn, encodingAhead: encodingAhead)
    }

    /// Writes the changes `range` of `writes` (positions in key order) to `database`.
    ///
    /// With `encodingAhead`, a long run is written in chunks whose values another thread starts encoding one chunk
    /// ahead of this one, which puts them (LMDB's write transaction stays on its thread) and then helps finish the
    /// next chunk's encoding: the encoding, most of a write's work, overlaps the puts and uses both threads when it
    /// takes longer than they do, and at most two chunks of encoded values are held at once.
    func write(
        _ writes: Writes, range: Range<Int>, into database: Database, txn: borrowing WriteTransaction,
        encodingAhead: Bool = false
    ) throws {
        let chunk = Self.encodingChunk
        guard encodingAhead, range.count >= 2 * chunk else {
            // Each value encoded just before it is put: one at a time in memory.
            let codec = BinaryPayloadCodec()
            try put(range, of: writes, into: database, txn: txn) { _, index in
                try writes.value(of: index).map { (value) throws(PayloadCodingError) in try codec.encode(value) }
            }
            return
        }
        let group = DispatchGroup()
        let helper = DispatchQueue.global(qos: .userInitiated)
        // The first chunk is encoded by both threads; then each chunk is started by the other thread while this one
        // puts the chunk before it, and finished by both.
        var current = EncodedValues(writes, range.lowerBound..<range.lowerBound + chunk)
        let first = current
        helper.async(group: group) { first.encodeUnclaimed() }
        current.encodeUnclaimed()
        group.wait()
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(start + chunk, range.upperBound)
            let next = EncodedValues(writes, end..<min(end + chunk, range.upperBound))
            if next.count > 0 { helper.async(group: group) { next.encodeUnclaimed() } }
            do {
                if let error = current.error { throw error }
                try put(start..<end, of: writes, into: database, txn: txn) { offset, _ in current.value(at: offset) }
            } catch {
                group.wait()
                throw error
            }
            // What the other thread has not started yet of the next chunk is encoded here.
            next.encodeUnclaimed()
            group.wait()
            (current, start) = (next, end)
        }
    }

    /// Records per chunk of a write that encodes ahead.
    static var encodingChunk: Int { 1_024 }

    /// Puts the changes at `range` (positions in key order): each key with the bytes `encoded` gives for it (called
    /// with the change's offset in `range` and its index in `writes`), or removed when it gives `nil`.
    ///
    /// When the first key is above every key stored (a rebuild writing its empty slot, the next part of a long
    /// write), every key of the run is: they are appended (`MDB_APPEND`, which adds each to the last page without
    /// searching the tree), and a removal has nothing to remove.
    private func put(
        _ range: Range<Int>, of writes: Writes, into database: Database, txn: borrowing WriteTransaction,
        encoded: (_ offset: Int, _ index: Int) throws -> [UInt8]?
    ) throws {
        // Read through buffers taken once, as in `EncodedValues.encodeUnclaimed()` (which may run meanwhile).
        let (order, spans) = (writes.order, writes.spans)
        try writes.bytes.withUnsafeBytes { raw in
            try order.withUnsafeBufferPointer { order in
                try spans.withUnsafeBufferPointer { spans in
                    func key(at position: Int) -> UnsafeRawBufferPointer {
                        let span = spans[order[position]]
                        return UnsafeRawBufferPointer(rebasing: raw[span.start..<span.start + span.count])
                    }
                    guard let first = range.first else { return }
                    let appending = try txn.withCursor(database) { cursor in
                        try cursor.last().map { $0.key.lexicographicallyPrecedes(key(at: first)) } ?? true
                    }
                    var previous: UnsafeRawBufferPointer?
                    for (offset, position) in range.enumerated() {
                        let key = key(at: position)
                        // Appended keys must ascend: LMDB refuses one out of order with an error the store would
                        // take for a passing storage problem and retry. Checked here, a run out of order fails the
                        // projection instead.
                        if appending, let previous, !previous.lexicographicallyPrecedes(key) {
                            throw EventStoreError.invalidInput("a projection's changes were not in key order")
                        }
                        previous = key
                        if let value = try encoded(offset, order[position]) {
                            try value.withUnsafeBytes { try txn.put(database, key: key, value: $0, flags: appending ? .append : []) }
                        } else if !appending {
                            _ = try txn.delete(database, key: Array(key))
                        }
                    }
                }
            }
        }
    }

    /// The encoded values of a run of changes (`nil`: the key is removed), or the error that stopped the encoding.
    /// Two threads may encode them at once, each claiming blocks of changes not yet claimed; they are read once
    /// every thread that encodes them has returned (and been waited for).
    final class EncodedValues: @unchecked Sendable {
        // @unchecked: each value is written by the one thread that claimed its block, and read only after the
        // reader waited for every encoding thread; the error is behind a lock.
        private let writes: Writes
        private let range: Range<Int>
        private let values: UnsafeMutableBufferPointer<[UInt8]?>
        /// The offset in `range` of the first change no thread has claimed yet.
        private let claimed = Atomic<Int>(0)
        private let failure = Mutex<(any Error)?>(nil)

        /// Changes claimed at a time.
        static var block: Int { 64 }

        /// The values of the changes at `range` (positions in key order) of `writes`, not yet encoded.
        init(_ writes: Writes, _ range: Range<Int>) {
            (self.writes, self.range) = (writes, range)
            values = .allocate(capacity: range.count)
            values.initialize(repeating: nil)
        }

        deinit {
            _ = values.deinitialize()
            values.deallocate()
        }

        /// How many changes the run holds.
        var count: Int { range.count }

        /// The first error an encoding thread met, if any.
        var error: (any Error)? { failure.withLock { $0 } }

        /// The encoded value of the change at `offset` in the run (`nil`: the key is removed).
        func value(at offset: Int) -> [UInt8]? { values[offset] }

        /// Encodes blocks of changes that no thread has claimed, until none is left or one fails.
        func encodeUnclaimed() {
            let codec = BinaryPayloadCodec()
            // The arrays are read through buffers taken once: an element read through the array retains and releases
            // its storage, which both threads doing so at once makes a contended counter.
            writes.values.withUnsafeBufferPointer { stored in
                writes.slots.withUnsafeBufferPointer { slots in
                    writes.order.withUnsafeBufferPointer { order in
                        while true {
                            let start = claimed.wrappingAdd(Self.block, ordering: .relaxed).oldValue
                            guard start < range.count, failure.withLock({ $0 == nil }) else { return }
                            for offset in start..<min(start + Self.block, range.count) {
                                let slot = slots[order[range.lowerBound + offset]]
                                guard slot >= 0 else { continue }
                                do {
                                    values[offset] = try codec.encode(stored[slot])
                                } catch {
                                    failure.withLock { if $0 == nil { $0 = error } }
                                    return
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Called once the batch committed: its changes become what earlier batches wrote.
    mutating func didCommit() {
        if table.count > Self.retainedValues {
            // Too many to keep: first let go of those this batch did not change (the ones the next batch is least
            // likely to want), then of all (at once when the changed ones alone are too many).
            if changes <= Self.retainedValues {
                let current = batch
                let kept = table
                table.keep { kept.batch($0) == current }
            } else {
                // Freed here, before the step ends (the runner frees its batches on its threads side by side). Freed
                // on a thread of its own after the step (as tried), a rebuild's million records took 0.6 s off the
                // rebuild, but the freeing slowed what came next: the store's open and first read after a rebuild
                // took up to 29 and 7 ms, against 4 and 0.3.
                table.removeAll()
            }
        }
        // Every key is unchanged for the next batch, without visiting one: the batch numbers move on.
        if batch == UInt32.max {
            table.removeAll()
            batch = 1
        } else {
            batch += 1
        }
        changes = 0
    }

    /// The most records kept in memory between batches (beyond it, they are read again from the database).
    static var retainedValues: Int { 50_000 }

    /// The batch's changes applied to `values` (a replay that keeps its state in memory).
    func apply(to values: inout [String: Value]) {
        for handle in table.handles where table.batch(handle) == batch {
            values[table.withKey(handle) { String(decoding: $0, as: UTF8.self) }] = table.value(handle)
        }
    }
}

@usableFromInline
final class RecordSource {
    let database: Database
    /// The transaction to read through; set for the length of each phase of a batch.
    var transaction: OpaquePointer?

    init(database: Database) {
        self.database = database
    }

    @usableFromInline
    func load<Value: Decodable>(_ key: String) throws(EventStoreError) -> Value? {
        guard let transaction else { return nil }
        let keyBytes = Array(key.utf8)
        guard !keyBytes.isEmpty, keyBytes.count <= ProjectionRecords<Int>.maximumKeyLength else {
            throw .invalidInput("a projection key must be 1 to \(ProjectionRecords<Int>.maximumKeyLength) bytes (got \(keyBytes.count))")
        }
        let txn = SnapshotTransaction(pointer: transaction)
        return try mapErrors {
            try txn.withValue(database, forKey: keyBytes) { raw -> Value in
                do throws(PayloadCodingError) {
                    return try BinaryPayloadCodec().decode(Value.self, from: raw)
                } catch {
                    throw EventStoreError.codec(error)
                }
            }
        }
    }
}
