import LMDB

/// What a store has recorded about one projection (its checkpoint), readable without the projection's code:
/// for tools that report on a store they do not run projections in.
public struct RecordedProjection: Sendable, Hashable {
    /// The projection's name.
    public var name: String
    /// The version of the projection's code whose state serves reads.
    public var servingVersion: UInt32
    /// The last log position applied to the state that serves reads.
    public var position: LogPosition
    /// The log's head when the checkpoint was read.
    public var head: LogPosition
    /// The version of the code a rebuild in progress is building, if one is.
    public var rebuildVersion: UInt32?
    /// The last position a rebuild in progress has applied, if one is.
    public var rebuildPosition: LogPosition?
    /// Where and why the projection stopped, if it did.
    public var failure: ProjectionStatus.Failure?

    /// Creates a report.
    public init(
        name: String, servingVersion: UInt32, position: LogPosition, head: LogPosition, rebuildVersion: UInt32? = nil,
        rebuildPosition: LogPosition? = nil, failure: ProjectionStatus.Failure? = nil
    ) {
        self.name = name
        self.servingVersion = servingVersion
        self.position = position
        self.head = head
        self.rebuildVersion = rebuildVersion
        self.rebuildPosition = rebuildPosition
        self.failure = failure
    }

    /// How many events the serving state is behind the log.
    public var lag: UInt64 { head.rawValue - min(position.rawValue, head.rawValue) }
}

extension LogSnapshot {
    /// Every projection this store has a checkpoint for, by name (also those not added in this process).
    /// - Throws: ``EventStoreError``.
    public func recordedProjections() throws(EventStoreError) -> [RecordedProjection] {
        guard let registry = layout.projections else { return [] }
        let head = head
        return try mapErrors {
            var names: [String] = []
            try txn.withCursor(registry) { cursor in
                var entry = try cursor.first()
                while let current = entry {
                    names.append(String(decoding: current.key, as: UTF8.self))
                    entry = try cursor.next()
                }
            }
            return try names.compactMap { name -> RecordedProjection? in
                guard let checkpoint = try ProjectionCheckpoint.read(name, in: registry, txn: txn) else { return nil }
                return RecordedProjection(
                    name: name, servingVersion: checkpoint.version, position: LogPosition(checkpoint.position), head: head,
                    rebuildVersion: checkpoint.rebuild?.version, rebuildPosition: checkpoint.rebuild.map { LogPosition($0.position) },
                    failure: checkpoint.failure.map { .init(position: LogPosition($0.position), reason: $0.reason) })
            }
        }
    }
}
