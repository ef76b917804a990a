import LMDB

/// The keyed records of one projection, as a projection's ``Projection/apply(_:to:)`` sees and changes them.
///
/// Reads come from the projection's database (or from what this batch already changed); writes stay in memory
/// until the batch commits, together with the projection's checkpoint. Keys are 1 to 400 bytes of UTF-8.
///
/// ```swift
/// try records.update("customer-42", default: Summary()) { $0.openTickets += 1 }
/// records.removeValue(forKey: "customer-7")
/// ```
public struct ProjectionRecords<Value: Codable & Sendable> {
    // The members a projection's `apply` uses are inlinable, so that they are specialised for the projection's
    // value type in the projection's own module (unspecialised generic dictionaries cost several times more).

    /// What this batch changed: a value, or `nil` for a removed key.
    @usableFromInline var changes: [String: Value?] = [:]
    /// Values read from the database, or written by earlier batches of the same writer.
    @usableFromInline var loaded: [String: Value] = [:]
    @usableFromInline let source: RecordSource?
    /// The first key set in this batch that is not a valid key (the batch then fails at that event).
    @usableFromInline var invalidKey: String?

    /// The longest key accepted, in bytes (LMDB's limit is 511, less the room the store keeps).
    public static var maximumKeyLength: Int { 400 }

    init(source: RecordSource?) {
        self.source = source
    }

    /// The value stored under `key`, or `nil`.
    /// - Throws: ``EventStoreError`` when the stored value cannot be read or decoded.
    @inlinable
    public mutating func value(forKey key: String) throws(EventStoreError) -> Value? {
        if let change = changes[key] { return change }
        if let value = loaded[key] { return value }
        guard let source else { return nil }
        let value: Value? = try source.load(key)
        if let value { loaded[key] = value }
        return value
    }

    /// Stores `value` under `key`.
    @inlinable
    public mutating func set(_ value: Value, forKey key: String) {
        if invalidKey == nil, !Self.isValid(key) { invalidKey = key }
        changes[key] = .some(value)
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
        changes[key] = .some(nil)
        loaded[key] = nil
    }

    /// Changes the value under `key` in place, starting from `initial` when there is none.
    /// - Throws: ``EventStoreError`` when the stored value cannot be read, or what `body` throws.
    @inlinable
    public mutating func update(
        _ key: String, default initial: @autoclosure () -> Value, _ body: (inout Value) throws -> Void
    ) throws {
        var value = try self.value(forKey: key) ?? initial()
        try body(&value)
        set(value, forKey: key)
    }

    /// The number of keys changed in this batch.
    public var changedCount: Int { changes.count }

    /// Writes the changes to `database`. It changes nothing in memory, so a write transaction that runs again
    /// (after the map grew) writes the same.
    func write(into database: Database, txn: borrowing WriteTransaction) throws {
        let codec = BinaryPayloadCodec()
        // Keys in LMDB's order (their UTF-8 bytes) touch the B-tree's pages in order. Comparing bytes costs far less
        // than comparing `String`s, which follows Unicode's rules.
        // The sort moves indices, not the (possibly large) values.
        let entries = Array(changes)
        let keys = entries.map { Array($0.key.utf8) }
        var order = Array(keys.indices)
        order.sort { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        for index in order {
            let (keyBytes, change) = (keys[index], entries[index].value)
            guard !keyBytes.isEmpty, keyBytes.count <= Self.maximumKeyLength else {
                throw EventStoreError.invalidInput(
                    "a projection key must be 1 to \(Self.maximumKeyLength) bytes (got \(keyBytes.count))")
            }
            if let value = change {
                try txn.put(database, key: keyBytes, value: try codec.encode(value))
            } else {
                _ = try txn.delete(database, key: keyBytes)
            }
        }
    }

    /// After the changes committed: the changed values of keys the projection reads (those it loaded from the
    /// database before) become the known values of the next batch by the same writer. Keys only ever written, such as
    /// one record per event, are not kept: nothing would read them, and they would fill the memory. Past a bound,
    /// the memory is given back instead.
    mutating func didCommit() {
        if loaded.count > Self.retainedValues {
            loaded.removeAll()
        } else {
            for (key, change) in changes where loaded.index(forKey: key) != nil { loaded[key] = change }
        }
        changes.removeAll(keepingCapacity: true)
    }

    /// The most values kept in memory from one batch to the next.
    static var retainedValues: Int { 250_000 }

    /// Folds the changes into a dictionary of values (for in-memory states).
    func apply(to values: inout [String: Value]) {
        for (key, change) in changes { values[key] = change }
    }
}

/// Where a batch's ``ProjectionRecords`` read values it has not changed: a projection database inside the
/// transaction the batch currently runs in.
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
