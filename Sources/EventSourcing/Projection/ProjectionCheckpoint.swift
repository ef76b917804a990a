import LMDB

/// What the store keeps about one projection, in the `projections` database under the projection's name, and
/// commits in the same transaction as every change to the projection's records.
///
/// A projection has two databases (slots). The active slot serves reads; a rebuild fills the other one from
/// position 0 and, once it has caught up with the log, one transaction makes it active and empties the old one.
struct ProjectionCheckpoint: Codable, Sendable, Hashable {
    /// The projection version whose state the active slot holds.
    var version: UInt32
    /// The slot (0 or 1) that serves reads.
    var activeSlot: UInt8
    /// The last log position applied to the active slot.
    var position: UInt64
    /// A rebuild in progress, if any.
    var rebuild: Rebuild?
    /// Where and why the projection stopped, if it did.
    var failure: Failure?

    struct Rebuild: Codable, Sendable, Hashable {
        /// The version being built.
        var version: UInt32
        /// The slot being filled.
        var slot: UInt8
        /// The last position applied to that slot.
        var position: UInt64
        /// Set while a batch's records are written in several commits (see
        /// ``EventStoreConfiguration/projectionRebuildCommitRecords``), to the id of the process writing them: the
        /// slot then holds part of a batch beyond ``position``. Another process leaves such a rebuild alone while
        /// that process lives; a rebuild found so whose writer is gone (a crash), or is this process (an error
        /// between the commits), starts again from an empty slot. Absent otherwise, so the stored checkpoint is the
        /// same as before it existed.
        var partialWriter: Int32?

        /// Whether the slot holds part of a batch beyond ``position``.
        var isPartial: Bool { partialWriter != nil }
    }

    struct Failure: Codable, Sendable, Hashable {
        var position: UInt64
        var reason: String
    }

    /// A new projection: nothing applied yet, slot 0.
    static func new(version: UInt32) -> ProjectionCheckpoint {
        ProjectionCheckpoint(version: version, activeSlot: 0, position: 0, rebuild: nil, failure: nil)
    }

    /// The slot and position the next batch continues from.
    var target: (slot: UInt8, position: UInt64) {
        if let rebuild { return (rebuild.slot, rebuild.position) }
        return (activeSlot, position)
    }

    static func read(_ name: String, in database: Database, txn: borrowing some Transaction & ~Copyable) throws
        -> ProjectionCheckpoint?
    {
        try txn.withValue(database, forKey: Array(name.utf8)) { raw -> ProjectionCheckpoint in
            do throws(PayloadCodingError) {
                return try BinaryPayloadCodec().decode(ProjectionCheckpoint.self, from: raw)
            } catch {
                throw EventStoreError.codec(error)
            }
        }
    }

    func write(_ name: String, in database: Database, txn: borrowing WriteTransaction) throws {
        try txn.put(database, key: Array(name.utf8), value: try BinaryPayloadCodec().encode(self))
    }
}
