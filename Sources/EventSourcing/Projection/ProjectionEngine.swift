import LMDB

/// A projection together with its two slot databases, behind an interface that does not depend on its value
/// type, so the store can hold projections of any type side by side.
protocol ProjectionEngine: Sendable {
    var name: String { get }
    var version: UInt32 { get }
    var mode: ProjectionMode { get }
    var filter: EventFilter { get }
    /// The two slot databases (see ``ProjectionCheckpoint``).
    var slots: [Database] { get }
    /// A fresh batch that writes into `slot`, with room for `expectedRecords` records in memory (0: unknown).
    func makeBatch(slot: UInt8, expectedRecords: Int) -> any ProjectionBatch
}

extension ProjectionEngine {
    /// A fresh batch that writes into `slot`.
    func makeBatch(slot: UInt8) -> any ProjectionBatch { makeBatch(slot: slot, expectedRecords: 0) }
}

/// The changes of one batch of events to one projection, held in memory until they commit.
protocol ProjectionBatch: AnyObject {
    /// Where the batch reads records it has not changed.
    var source: RecordSource { get }
    /// Applies one event if the projection's filter takes it.
    /// - Throws: ``ProjectionApplyFailure``.
    func apply(_ view: RecordView) throws(ProjectionApplyFailure)
    /// Writes the changes into the slot database, changing nothing in memory (the write may run again); after
    /// ``prepareWrites()`` and ``markWritten(_:)``, only those not yet written.
    func write(txn: borrowing WriteTransaction) throws
    /// Puts the changes in key order for a write in several transactions.
    /// - Returns: how many records they are.
    func prepareWrites() throws -> Int
    /// Writes the prepared changes at `range` (positions in key order), changing nothing in memory.
    func writePrepared(_ range: Range<Int>, txn: borrowing WriteTransaction) throws
    /// The first `count` prepared changes are committed: ``write(txn:_:)`` writes the rest.
    func markWritten(_ count: Int)
    /// The changes committed: keep them as known values for the next batch.
    func didCommit()
    /// How many records the batch has changed so far.
    var changedCount: Int { get }
}

/// A projection threw on an event.
struct ProjectionApplyFailure: Error {
    var name: String
    var position: LogPosition
    var reason: String

    var storeError: EventStoreError { .projectionFailed(name: name, position: position, reason: reason) }
}

struct TypedProjectionEngine<P: Projection>: ProjectionEngine {
    let projection: P
    let mode: ProjectionMode
    let slots: [Database]
    let filter: EventFilter
    /// Whether long writes encode their records on another thread, ahead of the puts (the store runs projections
    /// on more than one thread).
    let encodesAhead: Bool

    init(projection: P, mode: ProjectionMode, slots: [Database], encodesAhead: Bool = false) {
        self.projection = projection
        self.mode = mode
        self.slots = slots
        self.encodesAhead = encodesAhead
        self.filter = projection.filter
    }

    var name: String { projection.name }
    var version: UInt32 { projection.version }

    func makeBatch(slot: UInt8, expectedRecords: Int) -> any ProjectionBatch {
        TypedProjectionBatch(engine: self, database: slots[Int(slot)], expectedRecords: expectedRecords)
    }
}

final class TypedProjectionBatch<P: Projection>: ProjectionBatch {
    // What `apply` needs of the engine is held here, in the class's own stored properties: reading them from the
    // engine (a generic struct) would look its type's layout up at run time on every event.
    let name: String
    let filter: EventFilter
    let projection: P
    let encodesAhead: Bool
    let source: RecordSource
    let database: Database
    var records: ProjectionRecords<P.Value>

    init(engine: TypedProjectionEngine<P>, database: Database, expectedRecords: Int = 0) {
        (name, filter, projection, encodesAhead) = (engine.name, engine.filter, engine.projection, engine.encodesAhead)
        self.database = database
        source = RecordSource(database: database)
        records = ProjectionRecords(source: source, expectedRecords: expectedRecords)
    }

    func apply(_ view: RecordView) throws(ProjectionApplyFailure) {
        guard takes(view) else { return }
        do {
            try projection.apply(view, to: &records)
        } catch {
            throw ProjectionApplyFailure(name: name, position: view.position, reason: "\(error)")
        }
        if let key = records.invalidKey { throw invalid(key, at: view.position) }
        lastApplied = view.position
    }

    /// What the filter's type condition says of each type, by the numbers the read in ``verdictsRead`` gives the
    /// types (0: not asked yet, 1: taken, 2: not taken).
    private var verdicts: [UInt8] = []
    /// The read whose type numbers ``verdicts`` is indexed by (held, so that a new read is never taken for it).
    private var verdictsRead: SharedDecode?

    /// Whether the filter takes `view`: its type condition asked once per type in a read that numbers the types
    /// (one hash of the type name per record, whatever the number of projections fed it), every time otherwise.
    @inline(__always)
    private func takes(_ view: RecordView) -> Bool {
        guard let shared = view.sharedDecode else { return filter.matches(view) }
        if shared !== verdictsRead {
            verdictsRead = shared
            verdicts.removeAll(keepingCapacity: true)
        }
        let number = shared.typeNumber(of: view.typeBytes, at: view.position)
        if number >= verdicts.count { verdicts.append(contentsOf: repeatElement(0, count: number + 1 - verdicts.count)) }
        if verdicts[number] == 0 { verdicts[number] = filter.matchesType(view.type) ? 1 : 2 }
        return verdicts[number] == 1 && filter.matchesCategory(view)
    }

    /// The failure for a key that is not valid.
    private func invalid(_ key: String, at position: LogPosition) -> ProjectionApplyFailure {
        ProjectionApplyFailure(
            name: name, position: position,
            reason: "the key \(key.prefix(40).debugDescription) is not 1 to \(ProjectionRecords<P.Value>.maximumKeyLength) bytes")
    }

    /// The last event applied, for write errors.
    private var lastApplied = LogPosition.start

    /// The changes in key order, once ``prepareWrites()`` made them, and how many of them are committed.
    private var prepared: (writes: ProjectionRecords<P.Value>.Writes, written: Int)?

    func write(txn: borrowing WriteTransaction) throws {
        try blamingValues {
            if let prepared {
                try records.write(
                    prepared.writes, range: prepared.written..<prepared.writes.count, into: database, txn: txn,
                    encodingAhead: encodesAhead)
            } else {
                try records.write(into: database, txn: txn, encodingAhead: encodesAhead)
            }
        }
    }

    func prepareWrites() throws -> Int {
        let writes = try blamingValues { try records.changesInKeyOrder() }
        prepared = (writes, 0)
        return writes.count
    }

    func writePrepared(_ range: Range<Int>, txn: borrowing WriteTransaction) throws {
        guard let prepared else { return }
        try blamingValues {
            try records.write(prepared.writes, range: range, into: database, txn: txn, encodingAhead: encodesAhead)
        }
    }

    func markWritten(_ count: Int) {
        prepared?.written = count
    }

    /// `body`, whose errors other than storage errors are the projection's (a key or a value that cannot be
    /// written): it stops at the batch's last event.
    private func blamingValues<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as LMDBError {
            throw error
        } catch {
            throw ProjectionApplyFailure(name: name, position: lastApplied, reason: "\(error)")
        }
    }

    func didCommit() {
        prepared = nil
        records.didCommit()
    }

    var changedCount: Int { records.changedCount }
}

/// Calls `body` with each record after `after` up to `through`, in log order, inside `txn`, until it returns `false`.
///
/// The views carry `upcasters` (the store's) and an opener of sealed values; with `sharingDecodes`, also a
/// ``SharedDecode``, for a body that feeds each record to several projections.
func forEachRecord(
    in txn: borrowing some Transaction & ~Copyable, layout: StoreLayout, upcasters: EventUpcasters, after: UInt64,
    through: UInt64, sharingDecodes: Bool = false, _ body: (RecordView) throws -> Bool
) throws {
    guard after < through else { return }
    let context = RecordContext(
        upcasters: upcasters, opener: PayloadOpener(keys: layout.keys, txn: txn.pointer),
        sharedDecode: sharingDecodes ? SharedDecode() : nil)
    defer { withExtendedLifetime(context) {} }
    try txn.withCursor(layout.events) { cursor in
        var entry = try cursor.seek(atLeast: bigEndianKey(after + 1))
        while let current = entry {
            let position = try current.key.position()
            if position > through { return }
            let view = try RecordView(position: LogPosition(position), bytes: current.value, context: context)
            guard try body(view) else { return }
            entry = try cursor.next()
        }
    }
}
