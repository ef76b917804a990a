import LMDB

extension EventStore {
    // MARK: - Running projections

    /// Adds a projection to the store and starts keeping it up to date.
    ///
    /// The store remembers each projection's checkpoint across restarts: a projection seen before continues
    /// where it stopped; a new one starts from the first event; one whose ``Projection/version`` changed is
    /// rebuilt from the first event into fresh databases while its old state keeps serving reads, then swapped in
    /// atomically. Add every projection each time the store is opened, before its state is read.
    ///
    /// ```swift
    /// try await store.addProjection(TicketsPerCustomer(), mode: .inline)
    /// try await store.append([opened], to: customer)
    /// let open = try store.read { try $0.value(of: TicketsPerCustomer(), forKey: "customer-42") }
    /// ```
    /// - Parameter mode: ``ProjectionMode/inline`` to update it in each append's transaction once it has caught
    ///   up (read-your-writes), ``ProjectionMode/async`` to update it in the background.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` for an invalid or duplicate name or a read-only store.
    public func addProjection<P: Projection>(_ projection: P, mode: ProjectionMode = .async)
        async throws(EventStoreError)
    {
        try await projections.add(projection, mode: mode)
    }

    /// Waits until the projection named `name` has applied the log up to `position` (for read-your-writes with
    /// an asynchronous projection: pass the position an append returned).
    ///
    /// While the projection is being rebuilt, the state serving reads stays where it was, so the wait lasts until
    /// the rebuilt state has been swapped in.
    /// - Throws: ``EventStoreError/projectionFailed(name:position:reason:)`` when the projection stopped before
    ///   reaching it, ``EventStoreError/closed`` when the store closed, ``EventStoreError/invalidInput(_:)`` when
    ///   the waiting task was cancelled.
    public func waitForProjection(_ name: String, toReach position: LogPosition) async throws(EventStoreError) {
        guard let entry = projections.entry(named: name) else { throw .unknownProjection(name) }
        switch await entry.tracker.served.wait(until: position.rawValue) {
        case .reached: return
        case .closed: throw .closed
        case .cancelled: throw .invalidInput("the wait for projection '\(name)' was cancelled")
        case .failed(let error): throw error
        }
    }

    /// Rebuilds the projection named `name` from the first event into fresh databases, while its current state
    /// keeps serving reads, and swaps the result in atomically; returns once swapped.
    ///
    /// A failed projection is rebuilt too (after its code was fixed). `progress` is called from the store's
    /// projection thread after each batch, and once more when the rebuild is finished.
    /// - Throws: ``EventStoreError/unknownProjection(_:)``, ``EventStoreError/projectionFailed(name:position:reason:)``
    ///   when the rebuild stopped on an event, ``EventStoreError/closed``.
    public func rebuildProjection(_ name: String, progress: (@Sendable (RebuildProgress) -> Void)? = nil)
        async throws(EventStoreError)
    {
        try await rebuildProjections([name], progress: progress)
    }

    /// Rebuilds the projections named `names` together, in one pass over the log: every rebuild starts in the same
    /// transaction, so the projection thread reads each event once and applies it to all of them, and commits their
    /// records and checkpoints together. Each keeps serving its current state until its rebuilt state is swapped
    /// in; returns once all are swapped.
    ///
    /// `progress` is called from the store's projection thread after each batch of each projection, and once more
    /// when each is finished (``RebuildProgress/projection`` names it).
    ///
    /// ```swift
    /// try await store.rebuildProjections(["open-tickets", "tickets-per-customer"]) { print($0) }
    /// ```
    /// - Throws: ``EventStoreError/unknownProjection(_:)`` (before anything starts),
    ///   ``EventStoreError/projectionFailed(name:position:reason:)`` when a rebuild stopped on an event (the others
    ///   still finish), ``EventStoreError/closed``.
    public func rebuildProjections(_ names: [String], progress: (@Sendable (RebuildProgress) -> Void)? = nil)
        async throws(EventStoreError)
    {
        guard let first = names.first else { return }
        guard let registry = projections.layout.projections else { throw .unknownProjection(first) }
        var entries: [ProjectionHost.Entry] = []
        for name in names where !entries.contains(where: { $0.engine.name == name }) {
            guard let entry = projections.entry(named: name) else { throw .unknownProjection(name) }
            entries.append(entry)
        }
        guard !entries.isEmpty else { return }
        let observers = progress.map { progress in entries.map { ($0.tracker, $0.tracker.addObserver(progress)) } } ?? []
        defer { for (tracker, observer) in observers { tracker.removeObserver(observer) } }
        let environment = self.environment
        let runner = try projections.runner()
        let starting = entries
        // On the runner's thread, which is the one that finishes rebuilds, so the counts cannot move meanwhile.
        let targets = try await runner.perform { () throws(EventStoreError) -> [UInt64] in
            try mapErrors {
                try environment.write { txn in
                    for entry in starting {
                        let name = entry.engine.name
                        guard var checkpoint = try ProjectionCheckpoint.read(name, in: registry, txn: txn) else {
                            throw EventStoreError.unknownProjection(name)
                        }
                        // A rebuild of this version already running is joined, not restarted.
                        if checkpoint.rebuild?.version != entry.engine.version || checkpoint.failure != nil {
                            let slot = 1 - checkpoint.activeSlot
                            try txn.clear(entry.engine.slots[Int(slot)])
                            checkpoint.rebuild = .init(version: entry.engine.version, slot: slot, position: 0)
                            checkpoint.failure = nil
                            try checkpoint.write(name, in: registry, txn: txn)
                        }
                    }
                }
                return starting.map { entry in
                    entry.tracker.rebuildsFinished.setFailure(nil)
                    return entry.tracker.rebuildsFinished.position + 1
                }
            }
        }
        for entry in entries { entry.tracker.served.setFailure(nil) }
        runner.wake()
        var firstFailure: EventStoreError?
        for (entry, target) in zip(entries, targets) {
            switch await entry.tracker.rebuildsFinished.wait(until: target) {
            case .reached: continue
            case .closed: throw .closed
            case .cancelled:
                throw .invalidInput("the wait for the rebuild of '\(entry.engine.name)' was cancelled; it goes on")
            case .failed(let error): if firstFailure == nil { firstFailure = error }
            }
        }
        if let firstFailure { throw firstFailure }
    }

    /// The status of the projection named `name`.
    /// - Throws: ``EventStoreError/unknownProjection(_:)``.
    public func projectionStatus(_ name: String) throws(EventStoreError) -> ProjectionStatus {
        try mapErrors { try read { try $0.projectionStatus(name) } }
    }

    /// The status of every projection added to the store, by name.
    /// - Throws: ``EventStoreError``.
    public func projectionStatuses() throws(EventStoreError) -> [ProjectionStatus] {
        let names = projections.entries.map(\.engine.name)
        return try mapErrors { try read { snapshot in try names.map { try snapshot.projectionStatus($0) } } }
    }

    // MARK: - Reading projections

    /// The value of `projection` under `key`, as of now.
    /// - Throws: ``EventStoreError/unknownProjection(_:)`` when the projection was not added.
    public func value<P: Projection>(of projection: P, forKey key: String) throws(EventStoreError) -> P.Value? {
        try mapErrors { try read { try $0.value(of: projection, forKey: key) } }
    }

    /// The state of a fold projection, as of now (its initial state before any event).
    /// - Throws: ``EventStoreError/unknownProjection(_:)`` when the projection was not added.
    public func state<P: FoldProjection>(of projection: P) throws(EventStoreError) -> P.State {
        try value(of: projection, forKey: P.stateKey) ?? projection.initialState
    }

    /// The state of `projection` as it was at `point`, computed from the log without touching the stored state
    /// (the projection need not even be added).
    ///
    /// The whole state is built in memory, one record per key; the log is read in one snapshot.
    /// - Throws: ``EventStoreError``, ``EventStoreError/projectionFailed(name:position:reason:)`` when the
    ///   projection throws.
    public func state<P: Projection>(of projection: P, asOf point: AsOf) async throws(EventStoreError)
        -> ProjectionState<P.Value>
    {
        try mapErrors {
            try read { snapshot in
                let cut = try point.cut(in: snapshot)
                let values = try projection.foldInMemory { body in
                    try snapshot.forEach(after: .start) { view in
                        guard view.position.rawValue <= cut else { return false }
                        try body(view)
                        return true
                    }
                }
                return ProjectionState(position: LogPosition(cut), values: values)
            }
        }
    }
}

extension LogSnapshot {
    /// The value of `projection` under `key` in this snapshot.
    /// - Throws: ``EventStoreError/unknownProjection(_:)`` when the projection was not added to the store.
    public func value<P: Projection>(of projection: P, forKey key: String) throws(EventStoreError) -> P.Value? {
        try mapErrors {
            let (_, database) = try projections.serving(projection.name, in: txn)
            let source = RecordSource(database: database)
            source.transaction = txn.pointer
            let value: P.Value? = try source.load(key)
            return value
        }
    }

    /// Calls `body` with each key and value of `projection`, in key order (UTF-8 bytes); `body` returns `false`
    /// to stop.
    /// - Throws: ``EventStoreError`` or what `body` throws.
    public func forEachValue<P: Projection>(of projection: P, _ body: (String, P.Value) throws -> Bool) throws {
        try forEachValue(of: projection, withPrefix: "", body)
    }

    /// Calls `body` with each key of `projection` that starts with `prefix` (UTF-8 bytes), and its value, in key
    /// order; `body` returns `false` to stop. It seeks to the prefix, so it reads only the keys in its range.
    ///
    /// ```swift
    /// try snapshot.forEachValue(of: projection, withPrefix: "a:ana|") { key, value in print(key); return true }
    /// ```
    /// - Throws: ``EventStoreError`` or what `body` throws.
    public func forEachValue<P: Projection>(
        of projection: P, withPrefix prefix: String, _ body: (String, P.Value) throws -> Bool
    ) throws {
        let (_, database) = try projections.serving(projection.name, in: txn)
        let codec = BinaryPayloadCodec()
        let prefixBytes = Array(prefix.utf8)
        try txn.withCursor(database) { cursor in
            var entry = prefixBytes.isEmpty ? try cursor.first() : try cursor.seek(atLeast: prefixBytes)
            while let current = entry, current.key.starts(with: prefixBytes) {
                let key = String(decoding: current.key, as: UTF8.self)
                let value: P.Value
                do throws(PayloadCodingError) {
                    value = try codec.decode(P.Value.self, from: current.value)
                } catch {
                    throw EventStoreError.codec(error)
                }
                guard try body(key, value) else { return }
                entry = try cursor.next()
            }
        }
    }

    /// The status of the projection named `name` in this snapshot.
    /// - Throws: ``EventStoreError/unknownProjection(_:)``.
    public func projectionStatus(_ name: String) throws(EventStoreError) -> ProjectionStatus {
        try mapErrors { try projections.status(of: name, in: txn, head: bounds.head) }
    }
}
