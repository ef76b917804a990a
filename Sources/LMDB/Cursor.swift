internal import CLMDB

/// One key/value pair under a cursor.
///
/// Both buffers point into the memory map: they are valid until the transaction ends, and in a write transaction
/// only until the next write. Copy what must live longer.
public struct CursorEntry {
    /// The key's bytes.
    public let key: UnsafeRawBufferPointer
    /// The value's bytes.
    public let value: UnsafeRawBufferPointer
}

/// A position in a database, for ordered scans (`MDB_cursor`).
///
/// It exists only inside ``Transaction/withCursor(_:_:)`` and is closed when that closure returns.
///
/// ```swift
/// try environment.read { txn in
///     try txn.withCursor(events) { cursor in
///         var entry = try cursor.seek(atLeast: startKey)
///         while let current = entry {
///             process(current.value)
///             entry = try cursor.next()
///         }
///     }
/// }
/// ```
public struct Cursor: ~Copyable {
    let pointer: OpaquePointer
    /// The database the cursor moves in.
    public let database: Database

    init(pointer: OpaquePointer, database: Database) {
        self.pointer = pointer
        self.database = database
    }

    deinit { mdb_cursor_close(pointer) }

    @inline(__always)
    private func move(_ op: MDB_cursor_op, key: UnsafeRawBufferPointer? = nil) throws(LMDBError) -> CursorEntry? {
        var k = MDB_val(mv_size: key?.count ?? 0, mv_data: UnsafeMutableRawPointer(mutating: key?.baseAddress))
        var v = MDB_val()
        let rc = mdb_cursor_get(pointer, &k, &v, op)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc, "move cursor in \(database.name ?? "main")")
        return CursorEntry(
            key: UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size),
            value: UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
    }

    /// Moves to the first entry; `nil` when the database is empty.
    public func first() throws(LMDBError) -> CursorEntry? { try move(MDB_FIRST) }
    /// Moves to the last entry; `nil` when the database is empty.
    public func last() throws(LMDBError) -> CursorEntry? { try move(MDB_LAST) }
    /// Moves to the next entry; `nil` past the end.
    public func next() throws(LMDBError) -> CursorEntry? { try move(MDB_NEXT) }
    /// Moves to the previous entry; `nil` before the start.
    public func previous() throws(LMDBError) -> CursorEntry? { try move(MDB_PREV) }
    /// The entry under the cursor.
    public func current() throws(LMDBError) -> CursorEntry? { try move(MDB_GET_CURRENT) }
    /// Moves to `key` exactly; `nil` when it is absent.
    public func seek(exactly key: UnsafeRawBufferPointer) throws(LMDBError) -> CursorEntry? {
        try move(MDB_SET_KEY, key: key)
    }
    /// Moves to the first entry whose key is at least `key` (`MDB_SET_RANGE`); `nil` when there is none.
    public func seek(atLeast key: UnsafeRawBufferPointer) throws(LMDBError) -> CursorEntry? {
        try move(MDB_SET_RANGE, key: key)
    }
    /// Moves to `key` exactly; `nil` when it is absent.
    public func seek(exactly key: [UInt8]) throws(LMDBError) -> CursorEntry? {
        try withBytes(key) { (k) throws(LMDBError) in try seek(exactly: k) }
    }
    /// Moves to the first entry whose key is at least `key`; `nil` when there is none.
    public func seek(atLeast key: [UInt8]) throws(LMDBError) -> CursorEntry? {
        try withBytes(key) { (k) throws(LMDBError) in try seek(atLeast: k) }
    }

    /// Stores `value` under `key` through the cursor (write transactions only).
    /// - Throws: ``LMDBError``: `EACCES` in a read transaction, ``LMDBError/Code/keyExists`` when `flags` forbid.
    public func put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags = []) throws(LMDBError) {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try check(mdb_cursor_put(pointer, &k, &v, flags.rawValue), "cursor put into \(database.name ?? "main")")
    }

    /// Deletes the entry under the cursor (write transactions only).
    /// - Throws: ``LMDBError``.
    public func deleteCurrent() throws(LMDBError) {
        try check(mdb_cursor_del(pointer, 0), "cursor delete in \(database.name ?? "main")")
    }
}
