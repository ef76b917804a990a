internal import CLMDB

/// What every transaction can do: read values, open cursors, count entries.
///
/// ``ReadTransaction`` and ``WriteTransaction`` conform. Both are non-copyable and exist only inside the closure
/// of ``Environment/read(_:)`` or ``Environment/write(_:)``, so a transaction can neither outlive its scope nor
/// cross to another thread.
public protocol Transaction: ~Copyable {
    /// LMDB's transaction pointer.
    var pointer: OpaquePointer { get }
}

extension Transaction where Self: ~Copyable {
    /// Calls `body` with the value stored under `key`, without copying it.
    ///
    /// The buffer points into the memory map: it is valid only inside `body`.
    /// - Returns: `body`'s result, or `nil` when the key is absent.
    /// - Throws: ``LMDBError`` for anything but a missing key, or what `body` throws.
    public func withValue<R, E: Error>(
        _ database: Database, forKey key: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws -> R? {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val()
        let rc = mdb_get(pointer, database.handle, &k, &v)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc, "get from \(database.name ?? "main")")
        return try body(UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
    }

    /// Calls `body` with the value stored under `key`, without copying it.
    public func withValue<R, E: Error>(
        _ database: Database, forKey key: [UInt8], _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws -> R? {
        try key.withUnsafeBytes { k in try withValue(database, forKey: k, body) }
    }

    /// A copy of the value stored under `key`, or `nil` when the key is absent.
    /// - Throws: ``LMDBError``.
    public func value(_ database: Database, forKey key: [UInt8]) throws -> [UInt8]? {
        try withValue(database, forKey: key) { Array($0) }
    }

    /// Whether `key` is present.
    public func contains(_ database: Database, key: [UInt8]) throws -> Bool {
        try withValue(database, forKey: key) { _ in true } ?? false
    }

    /// Opens a cursor on `database` for the duration of `body`.
    /// - Throws: ``LMDBError`` or what `body` throws.
    public func withCursor<R>(_ database: Database, _ body: (borrowing Cursor) throws -> R) throws -> R {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(pointer, database.handle, &cursor), "open cursor on \(database.name ?? "main")")
        guard let cursor else { throw LMDBError(.invalidParameter, operation: "open cursor") }
        let wrapped = Cursor(pointer: cursor, database: database)
        return try body(wrapped)
    }

    /// The B-tree counts of `database` as this transaction sees it.
    public func statistics(_ database: Database) throws -> DatabaseStatistics {
        var stat = MDB_stat()
        try check(mdb_stat(pointer, database.handle, &stat), "stat \(database.name ?? "main")")
        return DatabaseStatistics(
            pageSize: Int(stat.ms_psize), depth: Int(stat.ms_depth), branchPages: stat.ms_branch_pages,
            leafPages: stat.ms_leaf_pages, overflowPages: stat.ms_overflow_pages, entries: stat.ms_entries)
    }

    /// The number of entries in `database`.
    public func count(_ database: Database) throws -> Int { try statistics(database).entries }

    /// The identifier of the snapshot this transaction reads (`mdb_txn_id`).
    public var snapshotID: Int { mdb_txn_id(pointer) }
}

/// A read-only snapshot of the environment.
///
/// It exists only inside ``Environment/read(_:)``. Readers never block the writer and the writer never blocks
/// readers; a reader sees the data as of the moment it began.
public struct ReadTransaction: ~Copyable, Transaction {
    /// LMDB's transaction pointer.
    public let pointer: OpaquePointer
}

/// Records that a write failed because the map was full, so that ``Environment/write(_:)`` grows the map and
/// runs the closure again even when the closure caught the error and threw another.
final class WriteAttempt {
    var mapWasFull = false
}

/// The environment's single write transaction.
///
/// It exists only inside ``Environment/write(_:)``, which commits it when the closure returns and aborts it when
/// the closure throws. All its writes become visible, and durable, together.
public struct WriteTransaction: ~Copyable, Transaction {
    /// LMDB's transaction pointer.
    public let pointer: OpaquePointer
    let attempt: WriteAttempt

    private func checkWrite(_ rc: Int32, _ operation: @autoclosure () -> String) throws(LMDBError) {
        if rc == MDB_MAP_FULL { attempt.mapWasFull = true }
        try check(rc, operation())
    }

    /// Stores `value` under `key`.
    /// - Throws: ``LMDBError``; ``LMDBError/Code/keyExists`` when `flags` forbid the write.
    public func put(
        _ database: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags = []
    ) throws(LMDBError) {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try checkWrite(mdb_put(pointer, database.handle, &k, &v, flags.rawValue), "put into \(database.name ?? "main")")
    }

    /// Stores `value` under `key`.
    /// - Throws: ``LMDBError``.
    public func put(_ database: Database, key: [UInt8], value: [UInt8], flags: PutFlags = []) throws(LMDBError) {
        try withBytes(key) { (k) throws(LMDBError) in
            try withBytes(value) { (v) throws(LMDBError) in try put(database, key: k, value: v, flags: flags) }
        }
    }

    /// Reserves `count` bytes under `key` and lets `body` fill them in place, saving a copy (`MDB_RESERVE`).
    ///
    /// The buffer is valid only inside `body`, which must write every byte.
    /// - Throws: ``LMDBError`` or what `body` throws.
    public func withReservedValue<R>(
        _ database: Database, key: UnsafeRawBufferPointer, count: Int, flags: PutFlags = [],
        _ body: (UnsafeMutableRawBufferPointer) throws -> R
    ) throws -> R {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: count, mv_data: nil)
        try checkWrite(
            mdb_put(pointer, database.handle, &k, &v, flags.rawValue | UInt32(MDB_RESERVE)),
            "reserve in \(database.name ?? "main")")
        return try body(UnsafeMutableRawBufferPointer(start: v.mv_data, count: count))
    }

    /// Removes `key` (and all its values).
    /// - Returns: whether the key was present.
    /// - Throws: ``LMDBError``.
    @discardableResult
    public func delete(_ database: Database, key: [UInt8]) throws(LMDBError) -> Bool {
        try withBytes(key) { (key) throws(LMDBError) -> Bool in
            var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
            let rc = mdb_del(pointer, database.handle, &k, nil)
            if rc == MDB_NOTFOUND { return false }
            try checkWrite(rc, "delete from \(database.name ?? "main")")
            return true
        }
    }

    /// Removes every entry of `database`, keeping the database itself.
    /// - Throws: ``LMDBError``.
    public func clear(_ database: Database) throws(LMDBError) {
        try checkWrite(mdb_drop(pointer, database.handle, 0), "clear \(database.name ?? "main")")
    }

    /// Opens (and with ``DatabaseFlags/create`` creates) a database.
    ///
    /// Open databases once, at start-up; a handle opened in a transaction that is later aborted is invalid.
    /// - Throws: ``LMDBError``: ``LMDBError/Code/notFound`` when it does not exist and `flags` lack `create`,
    ///   ``LMDBError/Code/databasesFull`` past ``EnvironmentConfiguration/maxDatabases``.
    public func openDatabase(_ name: String?, flags: DatabaseFlags = [.create]) throws(LMDBError) -> Database {
        var handle: MDB_dbi = 0
        try checkWrite(mdb_dbi_open(pointer, name, flags.rawValue, &handle), "open database \(name ?? "main")")
        return Database(handle: handle, name: name, flags: flags)
    }
}

extension ReadTransaction {
    /// Opens an existing database, for read-only environments.
    ///
    /// The handle lasts only for this transaction; to keep it, use ``Environment/openDatabase(_:flags:)``, which
    /// commits the transaction that opens it.
    /// - Throws: ``LMDBError``: ``LMDBError/Code/notFound`` when it does not exist.
    public func openDatabase(_ name: String?, flags: DatabaseFlags = []) throws(LMDBError) -> Database {
        var handle: MDB_dbi = 0
        let openFlags = flags.subtracting(.create)
        try check(mdb_dbi_open(pointer, name, openFlags.rawValue, &handle), "open database \(name ?? "main")")
        return Database(handle: handle, name: name, flags: openFlags)
    }
}
