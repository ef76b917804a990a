import Crypto
import Foundation
import LMDB

extension EventStore {
    /// The store's current checkpoint: its last position and that record's chain hash.
    /// - Throws: ``EventStoreError``.
    public func checkpoint() throws(EventStoreError) -> LogCheckpoint {
        try mapErrors {
            try read { snapshot in
                let head = try snapshot.layout.head(snapshot.txn)
                return LogCheckpoint(
                    store: try snapshot.storeIdentifier(), position: LogPosition(head.position),
                    chainHash: ChainHash(bytes: head.hash),
                    recordedAt: Timestamp(rawValue: head.position == 0 ? 0 : head.recordedAt), createdAt: configuration.clock())
            }
        }
    }

    /// Walks the whole log in one snapshot and checks it against itself, its indexes and, when given, a
    /// checkpoint exported earlier; returns the first disagreement, if any.
    ///
    /// Checked for every record: its key is the next position (nothing deleted or reordered), it parses, its chain
    /// hash is the one its bytes and the previous record give, its recorded time does not go back (the time
    /// index), its stream version follows the stream's previous event, and up to `indexed-through` the stream
    /// index and the event-id index point to it. Then the index databases must hold nothing more than the log.
    /// With a checkpoint: the record at its position must carry its hash (so nothing up to it changed, even if the
    /// whole chain was recomputed), and the log must reach it (it only grew).
    /// - Parameter progress: called every 50,000 records with the records checked and the head.
    /// - Throws: ``EventStoreError`` when the store cannot be read (a damaged store is a report, not an error).
    public func verify(from checkpoint: LogCheckpoint? = nil, progress: ((UInt64, UInt64) -> Void)? = nil)
        throws(EventStoreError) -> VerificationReport
    {
        try mapErrors { try read { try $0.verify(from: checkpoint, progress: progress) } }
    }
}

extension LogSnapshot {
    /// The store's identifier, hexadecimal.
    func storeIdentifier() throws -> String {
        let bytes = try txn.value(layout.meta, forKey: StoreLayout.MetaKey.storeID) ?? []
        return ChainHash(bytes: bytes).description
    }

    func verify(from checkpoint: LogCheckpoint?, progress: ((UInt64, UInt64) -> Void)?) throws -> VerificationReport {
        let head = bounds.head
        let indexed = bounds.indexedThrough
        var report = VerificationReport(
            eventsChecked: 0, head: LogPosition(head), chainHead: .genesis, checkpointMatched: nil, problem: nil)
        func stop(_ position: UInt64, _ kind: VerificationProblem.Kind, _ reason: String) -> VerificationReport {
            report.problem = VerificationProblem(position: LogPosition(position), kind: kind, reason: reason)
            if checkpoint != nil && report.checkpointMatched == nil { report.checkpointMatched = false }
            return report
        }
        if let checkpoint {
            let store = try storeIdentifier()
            guard checkpoint.store == store else {
                return stop(0, .otherStore, "the checkpoint is of store \(checkpoint.store), this store is \(store)")
            }
            if checkpoint.position.rawValue == 0 {
                report.checkpointMatched = checkpoint.chainHash == .genesis
            }
        }
        struct Tally {
            var version: UInt64 = 0
            var indexedVersion: UInt64 = 0
            var number: UInt64?
        }
        var streams: [String: Tally] = [:]
        var previous = ChainHash.genesis.bytes
        var lastRecorded = Int64.min
        var expected: UInt64 = 1
        var problem: VerificationReport?
        try txn.withCursor(layout.events) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                guard current.key.count == 8 else {
                    problem = stop(expected, .recordOutOfOrder, "a key of \(current.key.count) bytes is not a position")
                    return
                }
                let position = current.key.bigEndianUInt64()
                if position != expected {
                    problem =
                        position > expected
                        ? stop(expected, .missingRecord, "there is no record at position \(expected); the next one is at \(position)")
                        : stop(expected, .recordOutOfOrder, "position \(position) comes after \(expected - 1)")
                    return
                }
                let view: RecordView
                do {
                    view = try RecordView(position: LogPosition(position), bytes: current.value)
                } catch {
                    problem = stop(position, .corruptRecord, "the record does not parse: \(error)")
                    return
                }
                let digest = previous.withUnsafeBytes { previous in
                    ChainHash.compute(previous: previous, position: position, body: view.body)
                }
                guard digest.withUnsafeBytes({ $0.elementsEqual(view.chainHashBytes) }) else {
                    problem = stop(
                        position, .chainMismatch,
                        "the stored chain hash is not the hash of this record's bytes and the one before: the record was altered")
                    return
                }
                previous = Array(view.chainHashBytes)
                let recorded = view.recordedAt.rawValue
                guard recorded >= lastRecorded else {
                    problem = stop(position, .timeOrder, "recorded at \(view.recordedAt), before the event before it")
                    return
                }
                lastRecorded = recorded
                let stream = String(decoding: view.streamBytes, as: UTF8.self)
                var tally = streams[stream] ?? Tally()
                guard view.streamVersion == tally.version + 1 else {
                    problem = stop(
                        position, .streamVersion,
                        "stream '\(stream)' has version \(view.streamVersion) after version \(tally.version)")
                    return
                }
                tally.version += 1
                if position <= indexed {
                    tally.indexedVersion = tally.version
                    if tally.number == nil { tally.number = try index.mergedHead(of: stream, in: txn)?.number }
                    guard let number = tally.number,
                        let indexedPosition = try txn.withValue(
                            layout.streamEvents, forKey: StreamHead.key(number: number, version: tally.version),
                            { $0.count == 8 ? $0.bigEndianUInt64() : 0 }),
                        indexedPosition == position
                    else {
                        problem = stop(
                            position, .streamIndex,
                            "the stream index does not point to this record as version \(tally.version) of '\(stream)'")
                        return
                    }
                    let idPosition = try txn.withValue(layout.eventIDs, forKey: view.id.bytes) {
                        $0.count == 8 ? $0.bigEndianUInt64() : 0
                    }
                    guard idPosition == position else {
                        problem = stop(position, .idIndex, "the id index does not point to this record for id \(view.id)")
                        return
                    }
                }
                streams[stream] = tally
                if let checkpoint, checkpoint.position.rawValue == position {
                    guard checkpoint.chainHash.bytes == previous else {
                        problem = stop(
                            position, .checkpointMismatch,
                            "the chain hash here is not the checkpoint's: the history up to the checkpoint changed")
                        return
                    }
                    report.checkpointMatched = true
                }
                report.eventsChecked += 1
                if position % 50_000 == 0 { progress?(position, head) }
                expected += 1
                if position == head { return }
                entry = try cursor.next()
            }
        }
        if let problem { return problem }
        report.chainHead = ChainHash(bytes: previous)
        if let checkpoint, checkpoint.position.rawValue > head {
            return stop(
                head + 1, .logShorterThanCheckpoint,
                "the log ends at position \(head), before the checkpoint's position \(checkpoint.position): events were removed")
        }
        // The index databases hold nothing the log does not.
        let streamEntries = try txn.count(layout.streamEvents)
        guard UInt64(streamEntries) == indexed else {
            return stop(indexed, .streamIndex, "the stream index holds \(streamEntries) entries for \(indexed) indexed events")
        }
        let idEntries = try txn.count(layout.eventIDs)
        guard UInt64(idEntries) == indexed else {
            return stop(indexed, .idIndex, "the id index holds \(idEntries) entries for \(indexed) indexed events")
        }
        var mismatch: String?
        try txn.withCursor(layout.streams) { cursor in
            var entry = try cursor.first()
            var count = 0
            while let current = entry {
                let name = String(decoding: current.key, as: UTF8.self)
                guard let stored = StreamHead(current.value), stored.version == streams[name]?.indexedVersion else {
                    mismatch = "the stream index gives '\(name)' a version the log does not"
                    return
                }
                count += 1
                entry = try cursor.next()
            }
            let indexedStreams = streams.values.filter { $0.indexedVersion > 0 }.count
            if count != indexedStreams {
                mismatch = "the stream index lists \(count) streams; the log's indexed events are in \(indexedStreams)"
            }
        }
        if let mismatch { return stop(indexed, .streamIndex, mismatch) }
        progress?(report.eventsChecked, head)
        return report
    }
}
