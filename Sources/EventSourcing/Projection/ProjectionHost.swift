import Foundation
import LMDB

/// The projections added to one store: their engines and trackers, the inline step of each append, and the
/// runner that brings asynchronous projections (and rebuilds) up to date.
final class ProjectionHost: Sendable {
    let environment: Environment
    let layout: StoreLayout
    let configuration: EventStoreConfiguration
    /// The log's head as of the last commit of this process; subscriptions wait on it.
    let head: PositionNotifier

    struct Entry: Sendable {
        var engine: any ProjectionEngine
        var tracker: ProjectionTracker
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var inline: [any ProjectionEngine] = []
        var runner: ProjectionRunner?
        var closed = false
    }

    private let state = Locked(State())

    init(environment: Environment, layout: StoreLayout, configuration: EventStoreConfiguration, head: UInt64) {
        self.environment = environment
        self.layout = layout
        self.configuration = configuration
        self.head = PositionNotifier(position: head)
    }

    // MARK: - Registry

    func entry(named name: String) -> Entry? { state.withLock { $0.entries[name] } }

    var entries: [Entry] { state.withLock { $0.entries.values.sorted { $0.engine.name < $1.engine.name } } }

    /// The runner thread, started on first use.
    func runner() throws(EventStoreError) -> ProjectionRunner {
        let result = state.withLock { state -> ProjectionRunner? in
            if state.closed { return nil }
            if let runner = state.runner { return runner }
            let runner = ProjectionRunner(host: self)
            state.runner = runner
            return runner
        }
        guard let result else { throw .closed }
        return result
    }

    /// Adds a projection; the store's checkpoint decides whether it continues, starts, or rebuilds.
    func add<P: Projection>(_ projection: P, mode: ProjectionMode) async throws(EventStoreError) {
        try Self.validate(name: projection.name)
        guard entry(named: projection.name) == nil else {
            throw .invalidInput("a projection named '\(projection.name)' was added already")
        }
        guard let registry = layout.projections, !configuration.readOnly else {
            throw .invalidInput(
                "the store was opened read-only; projections need a writable store (time travel works read-only)")
        }
        let runner = try runner()
        let environment = self.environment
        let (slots, checkpoint) = try await runner.perform { () throws(EventStoreError) in
            try mapErrors {
                try environment.write { txn -> ([Database], ProjectionCheckpoint) in
                    let slots = [
                        try txn.openDatabase("projection:\(projection.name):0"),
                        try txn.openDatabase("projection:\(projection.name):1"),
                    ]
                    var checkpoint = try ProjectionCheckpoint.read(projection.name, in: registry, txn: txn)
                        ?? .new(version: projection.version)
                    let building = checkpoint.rebuild?.version ?? checkpoint.version
                    if building != projection.version {
                        // New code: rebuild from the start into the other slot; the old state keeps serving.
                        let slot = 1 - checkpoint.activeSlot
                        try txn.clear(slots[Int(slot)])
                        checkpoint.rebuild = .init(version: projection.version, slot: slot, position: 0)
                        checkpoint.failure = nil
                    }
                    try checkpoint.write(projection.name, in: registry, txn: txn)
                    return (slots, checkpoint)
                }
            }
        }
        let engine = TypedProjectionEngine(
            projection: projection, mode: mode, slots: slots, encodesAhead: configuration.projectionThreads > 1)
        let tracker = ProjectionTracker(position: checkpoint.position)
        if let failure = checkpoint.failure {
            tracker.served.setFailure(
                .projectionFailed(name: projection.name, position: LogPosition(failure.position), reason: failure.reason))
        }
        let added = state.withLock { state -> Bool in
            guard state.entries[projection.name] == nil else { return false }
            state.entries[projection.name] = Entry(engine: engine, tracker: tracker)
            if mode == .inline { state.inline.append(engine) }
            return true
        }
        guard added else { throw .invalidInput("a projection named '\(projection.name)' was added already") }
        runner.wake()
    }

    static func validate(name: String) throws(EventStoreError) {
        let bytes = Array(name.utf8)
        let allowed = bytes.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        guard !bytes.isEmpty, bytes.count <= 64, allowed else {
            throw .invalidInput(
                "a projection name must be 1 to 64 letters, digits, '-', '_' or '.' (got \(name.debugDescription))")
        }
    }

    // MARK: - Reading

    /// The checkpoint and the slot database serving reads of `name`, in `txn`.
    func serving(_ name: String, in txn: borrowing some Transaction & ~Copyable) throws
        -> (checkpoint: ProjectionCheckpoint, database: Database)
    {
        guard let entry = entry(named: name), let registry = layout.projections else { throw EventStoreError.unknownProjection(name) }
        guard let checkpoint = try ProjectionCheckpoint.read(name, in: registry, txn: txn) else {
            throw EventStoreError.unknownProjection(name)
        }
        return (checkpoint, entry.engine.slots[Int(checkpoint.activeSlot)])
    }

    func status(of name: String, in txn: borrowing some Transaction & ~Copyable, head: UInt64) throws
        -> ProjectionStatus
    {
        guard let entry = entry(named: name) else { throw EventStoreError.unknownProjection(name) }
        let (checkpoint, _) = try serving(name, in: txn)
        let rebuild = checkpoint.rebuild.map { rebuild in
            RebuildProgress(
                projection: name, eventsDone: rebuild.position, eventsTotal: head,
                eventsPerSecond: 0, isFinished: false)
        }
        return ProjectionStatus(
            name: name, mode: entry.engine.mode, version: entry.engine.version, servingVersion: checkpoint.version,
            position: LogPosition(checkpoint.position), head: LogPosition(head), rebuild: rebuild,
            failure: checkpoint.failure.map { .init(position: LogPosition($0.position), reason: $0.reason) })
    }

    // MARK: - The inline step of an append

    /// Applies the events after `after` through `through`, just written in `txn`, to every inline projection
    /// that had caught up with the log; returns the names of those applied.
    /// - Throws: ``ProjectionApplyFailure`` when a projection throws (the append must then fail).
    func applyInline(in txn: borrowing WriteTransaction, after: UInt64, through: UInt64) throws -> [String] {
        let inline = state.withLock { $0.inline }
        guard !inline.isEmpty, through > after, let registry = layout.projections else { return [] }
        var applied: [String] = []
        for engine in inline {
            guard var checkpoint = try ProjectionCheckpoint.read(engine.name, in: registry, txn: txn),
                checkpoint.rebuild == nil, checkpoint.failure == nil, checkpoint.version == engine.version,
                checkpoint.position == after
            else { continue }
            let batch = engine.makeBatch(slot: checkpoint.activeSlot)
            batch.source.transaction = txn.pointer
            try forEachRecord(
                in: txn, layout: layout, upcasters: configuration.upcasters, after: after, through: through
            ) { view in
                try batch.apply(view)
                return true
            }
            batch.source.transaction = nil
            try batch.write(txn: txn)
            checkpoint.position = through
            try checkpoint.write(engine.name, in: registry, txn: txn)
            applied.append(engine.name)
        }
        return applied
    }

    /// After a commit: raises the head, the inline projections applied in it, and wakes the runner.
    func didCommit(head position: UInt64, inlineApplied: [String]) {
        for name in inlineApplied { entry(named: name)?.tracker.served.advance(to: position) }
        head.advance(to: position)
        state.withLock { $0.runner }?.wake()
    }

    /// Raises the head to the log's last position when another process has committed since; returns whether it
    /// moved. Called by the idle runner, so that projections and subscriptions hear of other processes' appends.
    func noticeForeignCommits() -> Bool {
        guard let last = try? environment.read({ txn in try layout.lastPosition(txn) }), last > head.position else {
            return false
        }
        head.advance(to: last)
        return true
    }

    /// Stops the runner (after its current batch) and releases every waiter.
    func close() {
        let (runner, entries) = state.withLock { state -> (ProjectionRunner?, [Entry]) in
            state.closed = true
            defer { state.runner = nil }
            return (state.runner, Array(state.entries.values))
        }
        runner?.stop()
        head.close()
        for entry in entries {
            entry.tracker.served.close()
            entry.tracker.rebuildsFinished.close()
        }
    }
}
