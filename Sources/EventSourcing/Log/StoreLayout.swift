import LMDB

/// The LMDB databases of an event store and the keys of its metadata.
///
/// | database | key | value |
/// | --- | --- | --- |
/// | `events` | position, 8 bytes big-endian | the record (``EventRecord``) |
/// | `streams` | stream name, UTF-8 | ``StreamHead`` as of the last index merge |
/// | `stream-events` | stream number (8 bytes BE) ‖ version (8 bytes BE) | position (8 bytes BE) |
/// | `event-ids` | event id, 16 bytes | position (8 bytes BE) |
/// | `meta` | ASCII key | value (see below) |
/// | `projections` | projection name | its checkpoint (``ProjectionCheckpoint``) |
/// | `snapshots` | aggregate name ‖ 0 ‖ stream name | an aggregate snapshot (``AggregateSnapshot``) |
/// | `projection:NAME:0`, `projection:NAME:1` | the projection's keys | its values |
/// | `subject-keys` | data subject (UTF-8) | its key, encrypted under the master key (``SubjectKeyStore``) |
///
/// Only `events` is written on every append; the three index databases are brought up to date in bulk by
/// an index merge (see ``RecentIndex``), and `meta`'s `indexed-through` says how far.
struct StoreLayout: Sendable {
    let events: Database
    let streams: Database
    let streamEvents: Database
    let eventIDs: Database
    let meta: Database
    /// Checkpoints of projections; `nil` in a read-only store written before projections existed.
    let projections: Database?
    /// Aggregate snapshots; `nil` like ``projections``.
    let snapshots: Database?
    /// The data subjects' keys (and the master key that opens them, when given).
    var keys = SubjectKeyStore(database: nil, masterKey: nil)

    /// The format this library writes and the newest it reads.
    static let formatVersion: UInt32 = 1

    enum MetaKey {
        static let format = Array("format".utf8)
        static let storeID = Array("store-id".utf8)
        static let indexedThrough = Array("indexed-through".utf8)
        static let streamCount = Array("stream-count".utf8)
    }

    init(
        events: Database, streams: Database, streamEvents: Database, eventIDs: Database, meta: Database,
        projections: Database?, snapshots: Database?
    ) {
        self.events = events
        self.streams = streams
        self.streamEvents = streamEvents
        self.eventIDs = eventIDs
        self.meta = meta
        self.projections = projections
        self.snapshots = snapshots
    }

    /// Opens (creating when writable) every database and checks the format version, in one transaction.
    @available(*, noasync)
    static func open(in environment: Environment, readOnly: Bool, masterKey: MasterKey? = nil) throws -> StoreLayout {
        if readOnly {
            var layout = StoreLayout(
                events: try environment.openDatabase("events", flags: []),
                streams: try environment.openDatabase("streams", flags: []),
                streamEvents: try environment.openDatabase("stream-events", flags: []),
                eventIDs: try environment.openDatabase("event-ids", flags: []),
                meta: try environment.openDatabase("meta", flags: []),
                projections: try? environment.openDatabase("projections", flags: []),
                snapshots: try? environment.openDatabase("snapshots", flags: []))
            layout.keys = SubjectKeyStore(
                database: try? environment.openDatabase(SubjectKeyStore.databaseName, flags: []), masterKey: masterKey)
            try environment.read { txn in
                try layout.checkFormat(txn)
                try layout.keys.checkMasterKey(in: txn)
            }
            return layout
        }
        return try environment.write { txn in
            var layout = StoreLayout(
                events: try txn.openDatabase("events"), streams: try txn.openDatabase("streams"),
                streamEvents: try txn.openDatabase("stream-events"), eventIDs: try txn.openDatabase("event-ids"),
                meta: try txn.openDatabase("meta"), projections: try txn.openDatabase("projections"),
                snapshots: try txn.openDatabase("snapshots"))
            if try txn.value(layout.meta, forKey: MetaKey.format) == nil {
                var format: [UInt8] = []
                format.appendLittleEndian(formatVersion)
                try txn.put(layout.meta, key: MetaKey.format, value: format)
                try txn.put(layout.meta, key: MetaKey.storeID, value: EventID.make().bytes)
            }
            try layout.checkFormat(txn)
            layout.keys = SubjectKeyStore(
                database: try txn.openDatabase(SubjectKeyStore.databaseName), masterKey: masterKey)
            try layout.keys.checkMasterKey(in: txn)
            return layout
        }
    }

    private func checkFormat(_ txn: borrowing some Transaction & ~Copyable) throws {
        let found = try txn.withValue(meta, forKey: MetaKey.format) { raw -> UInt32 in
            raw.count == 4 ? UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)) : UInt32.max
        }
        guard let found else {
            throw EventStoreError.invalidInput("the store has no format marker; it is not a Rapport event store")
        }
        guard found <= Self.formatVersion else {
            throw EventStoreError.unsupportedFormat(found: found, supported: Self.formatVersion)
        }
    }

    // MARK: - Reading the log's state in a transaction

    /// The last position in the log (0 when it is empty), from the key alone.
    func lastPosition(_ txn: borrowing some Transaction & ~Copyable) throws -> UInt64 {
        try txn.withCursor(events) { cursor in
            try cursor.last().map { try $0.key.position() } ?? 0
        }
    }

    /// The last record's position, chain hash and recorded time (position 0 and the genesis hash for an empty
    /// log), which the writer continues from.
    func head(_ txn: borrowing some Transaction & ~Copyable) throws -> (position: UInt64, hash: [UInt8], recordedAt: Int64) {
        try txn.withCursor(events) { cursor in
            guard let last = try cursor.last() else { return (0, ChainHash.genesis.bytes, Int64.min) }
            let position = try last.key.position()
            guard last.value.count >= EventRecord.fixedSize else {
                throw EventStoreError.corruptRecord(position: LogPosition(position), reason: "truncated record")
            }
            let recordedAt = Int64(littleEndian: last.value.loadUnaligned(fromByteOffset: EventRecord.recordedAtOffset, as: Int64.self))
            return (position, Array(last.value[EventRecord.hashOffset..<EventRecord.bodyOffset]), recordedAt)
        }
    }

    /// The last position whose stream and id entries are in the index databases.
    func indexedThrough(_ txn: borrowing some Transaction & ~Copyable) throws -> UInt64 {
        try txn.withValue(meta, forKey: MetaKey.indexedThrough) { raw in
            raw.count == 8 ? raw.bigEndianUInt64() : 0
        } ?? 0
    }
}

/// What the `streams` database stores per stream (as of the last index merge).
struct StreamHead {
    /// The stream's number, which keys its entries in `stream-events`.
    var number: UInt64
    /// The stream's version (its number of events).
    var version: UInt64
    /// The position of its last event.
    var lastPosition: UInt64

    static let size = 24

    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Self.size)
        out.appendLittleEndian(number)
        out.appendLittleEndian(version)
        out.appendLittleEndian(lastPosition)
        return out
    }

    init(number: UInt64, version: UInt64, lastPosition: UInt64) {
        self.number = number
        self.version = version
        self.lastPosition = lastPosition
    }

    init?(_ raw: UnsafeRawBufferPointer) {
        guard raw.count == Self.size else { return nil }
        number = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        version = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        lastPosition = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
    }

    static func key(number: UInt64, version: UInt64) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(16)
        key.appendBigEndian(number)
        key.appendBigEndian(version)
        return key
    }
}
