import LMDB

extension EventStore {
    /// The state of `stream` folded by `A`, now or as it was at `point`.
    ///
    /// A stored snapshot of the same ``Aggregate/snapshotSchemaVersion`` is the starting point when it is not
    /// newer than `point`; only the events after it are folded. When a current load folds at least
    /// ``Aggregate/snapshotInterval`` events past its starting point, it saves a new snapshot.
    /// - Throws: ``EventStoreError``, or ``EventStoreError/invalidInput(_:)`` carrying what `A.apply` threw.
    public func aggregate<A: Aggregate>(_ type: A.Type, stream: StreamName, asOf point: AsOf? = nil)
        async throws(EventStoreError) -> AggregateState<A.State>
    {
        let loaded = try mapErrors { try read { try $0.aggregate(A.self, stream: stream, asOf: point) } }
        if point == nil, A.snapshotInterval > 0, loaded.eventsFolded >= A.snapshotInterval, !configuration.readOnly {
            // A snapshot only saves work later; failing to store one does not fail the load.
            _ = try? await storeSnapshot(of: A.self, stream: stream, loaded)
        }
        return loaded
    }

    /// Folds `stream` and stores the state as `A`'s snapshot of it; returns the state.
    /// - Throws: ``EventStoreError``.
    @discardableResult
    public func saveSnapshot<A: Aggregate>(of type: A.Type, stream: StreamName) async throws(EventStoreError)
        -> AggregateState<A.State>
    {
        let loaded = try mapErrors { try read { try $0.aggregate(A.self, stream: stream, asOf: nil) } }
        try await storeSnapshot(of: A.self, stream: stream, loaded)
        return loaded
    }

    private func storeSnapshot<A: Aggregate>(of type: A.Type, stream: StreamName, _ loaded: AggregateState<A.State>)
        async throws(EventStoreError)
    {
        guard loaded.version > 0 else { return }
        guard let database = index.layout.snapshots, !configuration.readOnly else {
            throw .invalidInput("the store was opened read-only; snapshots cannot be saved")
        }
        let state: [UInt8]
        do { state = try BinaryPayloadCodec().encode(loaded.state) } catch { throw .codec(error) }
        let snapshot = AggregateSnapshot(
            schemaVersion: A.snapshotSchemaVersion, streamVersion: loaded.version, position: loaded.position.rawValue,
            state: state)
        let key = AggregateSnapshot.key(aggregate: A.name, stream: stream)
        let environment = self.environment
        try await projections.runner().perform { () throws(EventStoreError) in
            try mapErrors {
                try environment.write { txn in try txn.put(database, key: key, value: snapshot.encoded) }
            }
        }
    }
}

extension LogSnapshot {
    /// The state of `stream` folded by `A` in this snapshot, now or as it was at `point`, starting from a stored
    /// snapshot when one fits.
    /// - Throws: ``EventStoreError``, or ``EventStoreError/invalidInput(_:)`` carrying what `A.apply` threw.
    public func aggregate<A: Aggregate>(_ type: A.Type, stream: StreamName, asOf point: AsOf? = nil)
        throws(EventStoreError) -> AggregateState<A.State>
    {
        let cut = try point?.cut(in: self) ?? bounds.head
        var result = AggregateState(state: A.initialState, version: 0, position: .start, fromSnapshot: false, eventsFolded: 0)
        if let database = layout.snapshots {
            let key = AggregateSnapshot.key(aggregate: A.name, stream: stream)
            let stored = try mapErrors { try txn.withValue(database, forKey: key) { AggregateSnapshot($0) } ?? nil }
            if let stored, stored.schemaVersion == A.snapshotSchemaVersion, stored.position <= cut,
                let state = try? BinaryPayloadCodec().decode(A.State.self, from: stored.state)
            {
                result.state = state
                result.version = stored.streamVersion
                result.position = LogPosition(stored.position)
                result.fromSnapshot = true
            }
        }
        try mapErrors {
            try forEach(in: stream, from: result.version + 1) { view in
                guard view.position.rawValue <= cut else { return false }
                do {
                    try A.apply(view, to: &result.state)
                } catch {
                    throw EventStoreError.invalidInput(
                        "aggregate \(A.name) could not fold the event at position \(view.position) of '\(stream)': \(error)")
                }
                result.version = view.streamVersion
                result.position = view.position
                result.eventsFolded += 1
                return true
            }
        }
        return result
    }
}
