import CRM
import CRawLMDB
import Foundation

/// The straightforward event store written directly against LMDB's C API, as WORKLOAD.md's baseline: events
/// keyed by big-endian position with `MDB_APPEND`, a `(stream, version) → position` index, the stream's head
/// read before each append, default (durable) flags, record bytes prepared in advance.
///
/// It does the same work as Rapport for each workload, without Rapport's envelope, hash chain, idempotency or
/// group commit, so the ratio shows what those cost or save.
public final class RawLMDBBaseline: @unchecked Sendable {
    // @unchecked: LMDB serialises write transactions itself, and read transactions use MDB_NOTLS.
    let env: OpaquePointer
    let events: MDB_dbi
    private let index: MDB_dbi

    /// An LMDB failure of the baseline.
    public struct Failure: Error, CustomStringConvertible {
        /// What failed.
        public let description: String
    }

    static func check(_ rc: Int32, _ what: String) throws {
        if rc != 0 { throw Failure(description: "\(what): \(String(cString: mdb_strerror(rc)))") }
    }

    /// Opens (creating) the baseline store at `path`.
    public init(path: String) throws {
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var env: OpaquePointer?
        try Self.check(mdb_env_create(&env), "create")
        guard let env else { throw Failure(description: "no environment") }
        try Self.check(mdb_env_set_mapsize(env, 64 << 30), "mapsize")
        try Self.check(mdb_env_set_maxdbs(env, 8), "maxdbs")
        try Self.check(mdb_env_open(env, path, UInt32(MDB_NOTLS), 0o644), "open")
        self.env = env
        var txn: OpaquePointer?
        try Self.check(mdb_txn_begin(env, nil, 0, &txn), "begin")
        var events: MDB_dbi = 0
        var index: MDB_dbi = 0
        try Self.check(mdb_dbi_open(txn, "events", UInt32(MDB_CREATE), &events), "dbi events")
        try Self.check(mdb_dbi_open(txn, "index", UInt32(MDB_CREATE), &index), "dbi index")
        try Self.check(mdb_txn_commit(txn), "commit")
        self.events = events
        self.index = index
    }

    deinit { mdb_env_close(env) }

    /// Appends the events in one durable transaction, each after reading its stream's head.
    public func append(_ batch: ArraySlice<PreparedEvent>) throws {
        var txn: OpaquePointer?
        try Self.check(mdb_txn_begin(env, nil, 0, &txn), "begin")
        do {
            var cursor: OpaquePointer?
            try Self.check(mdb_cursor_open(txn, index, &cursor), "cursor")
            defer { mdb_cursor_close(cursor) }
            var position = try lastPosition(txn)
            for event in batch {
                let head = try streamHead(cursor, event.streamBytes)
                guard head + 1 == event.version else {
                    throw Failure(description: "\(event.streamName): head \(head), event version \(event.version)")
                }
                position += 1
                var key = position.bigEndian
                try withUnsafeMutableBytes(of: &key) { k in
                    try event.rawRecord.withUnsafeBytes { v in
                        var mk = MDB_val(mv_size: 8, mv_data: k.baseAddress)
                        var mv = MDB_val(mv_size: v.count, mv_data: UnsafeMutableRawPointer(mutating: v.baseAddress))
                        try Self.check(mdb_put(txn, events, &mk, &mv, UInt32(MDB_APPEND)), "put event")
                    }
                    var indexKey = event.streamBytes
                    indexKey.append(contentsOf: withUnsafeBytes(of: event.version.bigEndian) { Array($0) })
                    try indexKey.withUnsafeMutableBytes { ik in
                        var mk = MDB_val(mv_size: ik.count, mv_data: ik.baseAddress)
                        var mv = MDB_val(mv_size: 8, mv_data: k.baseAddress)
                        try Self.check(mdb_put(txn, index, &mk, &mv, 0), "put index")
                    }
                }
            }
        } catch {
            mdb_txn_abort(txn)
            throw error
        }
        try Self.check(mdb_txn_commit(txn), "commit")
    }

    func lastPosition(_ txn: OpaquePointer?) throws -> UInt64 {
        var cursor: OpaquePointer?
        try Self.check(mdb_cursor_open(txn, events, &cursor), "cursor")
        defer { mdb_cursor_close(cursor) }
        var k = MDB_val()
        var v = MDB_val()
        let rc = mdb_cursor_get(cursor, &k, &v, MDB_LAST)
        if rc == MDB_NOTFOUND { return 0 }
        try Self.check(rc, "last")
        return UInt64(bigEndian: k.mv_data.loadUnaligned(as: UInt64.self))
    }

    /// The stream's current version, from the index: the last key with the stream's prefix.
    private func streamHead(_ cursor: OpaquePointer?, _ stream: [UInt8]) throws -> UInt64 {
        var probe = stream
        probe.append(contentsOf: [UInt8](repeating: 0xFF, count: 8))
        return try probe.withUnsafeMutableBytes { p in
            var k = MDB_val(mv_size: p.count, mv_data: p.baseAddress)
            var v = MDB_val()
            var rc = mdb_cursor_get(cursor, &k, &v, MDB_SET_RANGE)
            if rc == MDB_NOTFOUND {
                rc = mdb_cursor_get(cursor, &k, &v, MDB_LAST)
            } else if rc == 0 {
                rc = mdb_cursor_get(cursor, &k, &v, MDB_PREV)
            }
            if rc == MDB_NOTFOUND { return 0 }
            try Self.check(rc, "head")
            let key = UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size)
            guard key.count == stream.count + 8, key.starts(with: stream) else { return 0 }
            return UInt64(bigEndian: key.loadUnaligned(fromByteOffset: stream.count, as: UInt64.self))
        }
    }

    /// W4: reads every record in position order, decodes it, and folds it.
    public func replay(into fold: inout WorkloadFold) throws -> Int {
        try read { txn in
            var cursor: OpaquePointer?
            try Self.check(mdb_cursor_open(txn, events, &cursor), "cursor")
            defer { mdb_cursor_close(cursor) }
            var k = MDB_val()
            var v = MDB_val()
            var count = 0
            var rc = mdb_cursor_get(cursor, &k, &v, MDB_FIRST)
            while rc == 0 {
                let record = try RawRecord.decode(UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
                fold.apply(customer: record.customer, type: record.type, amountCents: record.amountCents)
                count += 1
                rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)
            }
            if rc != MDB_NOTFOUND { try Self.check(rc, "scan") }
            return count
        }
    }

    /// W5: reads one stream's events through the index and decodes them; returns how many.
    public func readStream(_ stream: [UInt8]) throws -> Int {
        try read { txn in
            var cursor: OpaquePointer?
            try Self.check(mdb_cursor_open(txn, index, &cursor), "cursor")
            defer { mdb_cursor_close(cursor) }
            var start = stream
            start.append(contentsOf: [UInt8](repeating: 0, count: 8))
            return try start.withUnsafeMutableBytes { s in
                var k = MDB_val(mv_size: s.count, mv_data: s.baseAddress)
                var v = MDB_val()
                var count = 0
                var rc = mdb_cursor_get(cursor, &k, &v, MDB_SET_RANGE)
                while rc == 0 {
                    let key = UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size)
                    guard key.count == stream.count + 8, key.starts(with: stream) else { break }
                    var position = MDB_val(mv_size: 8, mv_data: v.mv_data)
                    var record = MDB_val()
                    try Self.check(mdb_get(txn, events, &position, &record), "get")
                    _ = try RawRecord.decode(UnsafeRawBufferPointer(start: record.mv_data, count: record.mv_size))
                    count += 1
                    rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)
                }
                return count
            }
        }
    }

    func read<R>(_ body: (OpaquePointer?) throws -> R) throws -> R {
        var txn: OpaquePointer?
        try Self.check(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn), "begin read")
        defer { mdb_txn_abort(txn) }
        return try body(txn)
    }
}
