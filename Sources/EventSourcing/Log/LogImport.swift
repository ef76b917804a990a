import LMDB

extension EventStore {
    /// Writes imported events at their own positions, stream versions and recorded times, in one write
    /// transaction, after checking that they continue the log exactly; returns the new head.
    ///
    /// The checks: each position follows the last one, each stream version follows the stream's, recorded times
    /// never go back, ids are new, and each recomputed chain hash equals the one the export carried (so an altered
    /// line, or an export of another history, is refused). `lines` numbers the events for errors.
    func writePreservingPositions(_ events: [ImportedEvent], lines: [Int]) async throws(EventStoreError) -> UInt64 {
        let environment = self.environment
        let index = self.index
        let head = try await projections.runner().perform { () throws(EventStoreError) -> UInt64 in
            try mapErrors {
                try environment.write { txn -> UInt64 in
                    let layout = index.layout
                    let head = try layout.head(txn)
                    let indexed = try layout.indexedThrough(txn)
                    try index.recent.catchUp(through: head.position, indexedThrough: indexed, in: txn, layout: layout)
                    let bounds = StreamIndex.Bounds(head: head.position, indexedThrough: indexed)
                    var position = head.position
                    var previousHash = head.hash
                    var lastRecorded = head.recordedAt
                    var versions: [String: UInt64] = [:]
                    var ids: Set<EventID> = []
                    var record: [UInt8] = []
                    for (imported, line) in zip(events, lines) {
                        func fail(_ reason: String) -> EventStoreError { .invalidImport(line: line, reason: reason) }
                        guard imported.position.rawValue == position + 1 else {
                            throw fail(
                                "position \(imported.position) does not follow the store's last position \(position); "
                                    + "import a whole export into an empty store, an incremental one right after its "
                                    + "starting position, or use the append-as-new mode")
                        }
                        guard imported.recordedAt.rawValue >= lastRecorded || position == 0 else {
                            throw fail("recorded time \(imported.recordedAt) is earlier than the event before it")
                        }
                        let stream = imported.stream.rawValue
                        let current = try versions[stream] ?? index.version(of: stream, in: txn, bounds: bounds)
                        guard imported.streamVersion == current + 1 else {
                            throw fail(
                                "stream '\(stream)' is at version \(current), so its next event must have version "
                                    + "\(current + 1), not \(imported.streamVersion)")
                        }
                        guard ids.insert(imported.event.id).inserted,
                            try index.position(of: imported.event.id, in: txn, bounds: bounds) == nil
                        else {
                            throw fail("event id \(imported.event.id) is in the store already")
                        }
                        position += 1
                        record.removeAll(keepingCapacity: true)
                        previousHash.withUnsafeBytes { previous in
                            EventRecord.encode(
                                imported.event, stream: imported.stream, streamVersion: imported.streamVersion,
                                position: position, recordedAt: imported.recordedAt, previousHash: previous, into: &record)
                        }
                        let hash = Array(record[EventRecord.hashOffset..<EventRecord.bodyOffset])
                        guard let expected = imported.chainHash else {
                            throw fail(
                                "the line has no chain hash, so it cannot be checked; import it with the append-as-new mode")
                        }
                        if expected.bytes != hash {
                            throw fail(
                                "the chain hash computed for this event differs from the exported one: the line was "
                                    + "altered, or the export is not of the history before it")
                        }
                        try txn.put(layout.events, key: bigEndianKey(position), value: record, flags: .append)
                        previousHash = hash
                        lastRecorded = imported.recordedAt.rawValue
                        versions[stream] = imported.streamVersion
                    }
                    return position
                }
            }
        }
        projections.didCommit(head: head, inlineApplied: [])
        return head
    }
}
