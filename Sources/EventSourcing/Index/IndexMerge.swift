import LMDB

extension StreamIndex {
    /// Writes the tail's entries into the index databases in one sorted pass and advances `indexed-through`.
    ///
    /// Runs in its own write transaction on the writer's thread. Returns the new `indexed-through`, so that the
    /// caller prunes the recent index once the transaction has committed.
    func merge(in txn: borrowing WriteTransaction) throws -> UInt64 {
        let indexed = try layout.indexedThrough(txn)
        let head = try layout.lastPosition(txn)
        guard head > indexed else { return indexed }
        try recent.catchUp(through: head, indexedThrough: indexed, in: txn, layout: layout)
        guard let contents = recent.contents(after: indexed, through: head) else {
            throw EventStoreError.invalidInput("the recent index could not cover positions \(indexed + 1)...\(head)")
        }
        var streamCount =
            try txn.withValue(layout.meta, forKey: StoreLayout.MetaKey.streamCount) { raw in
                raw.count == 8 ? raw.bigEndianUInt64() : 0
            } ?? 0
        for name in contents.streams.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let entries = contents.streams[name], let last = entries.last else { continue }
            var head: StreamHead
            if let existing = try mergedHead(of: name, in: txn) {
                head = existing
            } else {
                streamCount += 1
                head = StreamHead(number: streamCount, version: 0, lastPosition: 0)
            }
            for entry in entries {
                try txn.put(
                    layout.streamEvents, key: StreamHead.key(number: head.number, version: entry.version),
                    value: bigEndianKey(entry.position))
            }
            head.version = last.version
            head.lastPosition = last.position
            try txn.put(layout.streams, key: Array(name.utf8), value: head.bytes)
        }
        // Time-ordered ids arrive above every id already indexed: those go in with MDB_APPEND (no search, and
        // full pages instead of half-full ones after each split); older ids are inserted where they belong.
        let newest = try newestIndexedID(in: txn)
        for (id, position) in contents.ids.sorted(by: { $0.0 < $1.0 }) {
            let fresh = newest.map { $0 < id } ?? true
            try txn.put(layout.eventIDs, key: id.bytes, value: bigEndianKey(position), flags: fresh ? .append : [])
        }
        try txn.put(layout.meta, key: StoreLayout.MetaKey.streamCount, value: bigEndianKey(streamCount))
        try txn.put(layout.meta, key: StoreLayout.MetaKey.indexedThrough, value: bigEndianKey(head))
        return head
    }
}
