import Foundation
import LMDB

/// A thread of the store's own that brings projections up to date, one batch at a time, and runs the store's
/// other maintenance writes (adding a projection, starting a rebuild, saving a snapshot).
///
/// Each batch reads up to ``EventStoreConfiguration/projectionBatchSize`` events in a read transaction and
/// applies them in memory; a short write transaction then checks that the checkpoint has not moved, applies the
/// few events appended meanwhile, writes the changed records and the new checkpoint, and commits. State and
/// checkpoint therefore commit together: after a crash, each event is applied exactly once. Appends wait only
/// for that short write, never for the projection's code over a whole batch.
final class ProjectionRunner: @unchecked Sendable {
    // @unchecked: `tasks`, `signalled` and `stopping` are only touched with `condition` locked.

    private unowned let host: ProjectionHost
    private let condition = NSCondition()
    private var tasks: [@Sendable () -> Void] = []
    private var signalled = false
    private var stopping = false
    private var stopped = false
    /// Each projection's batch after its last commit, with the checkpoint it committed: the next batch reuses the
    /// values it knows while nobody else has moved the checkpoint. Touched only by the runner's thread.
    private var carried: [String: (checkpoint: ProjectionCheckpoint, batch: any ProjectionBatch)] = [:]
    private var thread: Thread?
    /// How often, in seconds, an idle runner looks for commits of other processes.
    static let foreignCommitPoll = 0.05

    init(host: ProjectionHost) {
        self.host = host
        let thread = Thread { [self] in run() }
        thread.name = "rapport.projections"
        self.thread = thread
        thread.start()
    }

    /// Asks for another look at every projection (new events, a new projection, a rebuild request).
    func wake() {
        condition.lock()
        signalled = true
        condition.signal()
        condition.unlock()
    }

    /// Runs `body` on the runner's thread (where synchronous LMDB writes belong) and returns its result.
    func perform<R: Sendable>(_ body: @escaping @Sendable () throws(EventStoreError) -> R) async throws(EventStoreError) -> R {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<R, EventStoreError>, Never>) in
            condition.lock()
            if stopping {
                condition.unlock()
                continuation.resume(returning: .failure(.closed))
                return
            }
            tasks.append {
                do throws(EventStoreError) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            condition.signal()
            condition.unlock()
        }
        return try result.get()
    }

    /// Finishes the batch in progress and stops the thread; queued tasks fail with ``EventStoreError/closed``.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        // Called from the runner's own thread (a progress observer that closes the store): it stops after this
        // step, without waiting for itself.
        if Thread.current != thread {
            while !stopped { condition.wait() }
        }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            let queued = tasks
            tasks.removeAll()
            let stop = stopping
            signalled = false
            condition.unlock()
            for task in queued { task() }
            if stop { break }
            var worked = false
            var behind = false
            for entry in host.entries {
                condition.lock()
                let stopNow = stopping
                condition.unlock()
                if stopNow { break }
                switch step(entry) {
                case .idle: break
                case .caughtUp: worked = true
                case .behind: worked = true; behind = true
                }
            }
            condition.lock()
            if !worked {
                // Idle: wait for this process's next commit, and look every `foreignCommitPoll` for commits of other
                // processes on the same store, which nothing here would announce.
                while !signalled && !stopping && tasks.isEmpty {
                    if !condition.wait(until: Date().addingTimeInterval(Self.foreignCommitPoll)) {
                        condition.unlock()
                        let moved = host.noticeForeignCommits()
                        condition.lock()
                        if moved { break }
                    }
                }
            } else if !behind {
                // Caught up with the live log: let appends accumulate for a moment, so that a stream of single
                // appends costs the projections one durable commit per interval rather than one per append.
                let (seconds, attoseconds) = host.configuration.projectionCommitInterval.components
                let deadline = Date().addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
                while !stopping && tasks.isEmpty && Date() < deadline { _ = condition.wait(until: deadline) }
            }
            condition.unlock()
        }
        condition.lock()
        // Tasks that came in while stopping.
        let late = tasks
        tasks.removeAll()
        stopped = true
        condition.broadcast()
        condition.unlock()
        for task in late { task() }
    }

    /// What one batch read and applied.
    private struct Batch {
        var checkpoint: ProjectionCheckpoint
        var changes: any ProjectionBatch
        var last: UInt64
    }

    /// What one step found.
    private enum StepOutcome {
        /// Nothing to apply.
        case idle
        /// A batch applied, up to the log's head.
        case caughtUp
        /// A whole batch applied, and more is waiting.
        case behind
    }

    /// Runs one batch of `entry`.
    private func step(_ entry: ProjectionHost.Entry) -> StepOutcome {
        let engine = entry.engine
        guard let registry = host.layout.projections else { return .idle }
        let layout = host.layout
        let batchSize = UInt64(max(1, host.configuration.projectionBatchSize))
        do {
            // Read phase: apply up to a batch of events in memory.
            let read = try host.environment.read { txn -> Batch? in
                guard let checkpoint = try ProjectionCheckpoint.read(engine.name, in: registry, txn: txn),
                    checkpoint.failure == nil
                else { return nil }
                let (slot, from) = checkpoint.target
                let head = try layout.lastPosition(txn)
                // A rebuild that has nothing (more) to read still has its swap to do.
                guard from < head || checkpoint.rebuild != nil else { return nil }
                let reused = carried[engine.name].flatMap { $0.checkpoint == checkpoint ? $0.batch : nil }
                let changes = reused ?? engine.makeBatch(slot: slot)
                changes.source.transaction = txn.pointer
                defer { changes.source.transaction = nil }
                let through = min(head, from + batchSize)
                try forEachRecord(in: txn, layout: layout, after: from, through: through) { view in
                    try changes.apply(view)
                }
                return Batch(checkpoint: checkpoint, changes: changes, last: through)
            }
            guard let read else { return .idle }
            // Write phase: the events appended meanwhile, the records and the checkpoint, in one commit.
            let tailLimit = min(batchSize, 2_000)
            // The write closure may run again (when the map grows): it applies each tail event to the batch once.
            var applied = read.last
            let outcome = try host.environment.write { txn -> (ProjectionCheckpoint, UInt64)? in
                guard let current = try ProjectionCheckpoint.read(engine.name, in: registry, txn: txn),
                    current == read.checkpoint
                else { return nil }  // Someone else moved it (an inline append, a rebuild request): read again.
                let head = try layout.lastPosition(txn)
                if head > applied && head - applied <= tailLimit {
                    read.changes.source.transaction = txn.pointer
                    defer { read.changes.source.transaction = nil }
                    try forEachRecord(in: txn, layout: layout, after: applied, through: head) { view in
                        try read.changes.apply(view)
                        applied = view.position.rawValue
                    }
                }
                let last = applied
                try read.changes.write(txn: txn)
                var checkpoint = current
                if var rebuild = checkpoint.rebuild {
                    if last == head {
                        // Caught up: the rebuilt slot serves from now on; the old one is emptied.
                        try txn.clear(engine.slots[Int(checkpoint.activeSlot)])
                        checkpoint = ProjectionCheckpoint(
                            version: rebuild.version, activeSlot: rebuild.slot, position: last, rebuild: nil, failure: nil)
                    } else {
                        rebuild.position = last
                        checkpoint.rebuild = rebuild
                    }
                } else {
                    checkpoint.position = last
                }
                try checkpoint.write(engine.name, in: registry, txn: txn)
                return (checkpoint, head)
            }
            guard let (checkpoint, head) = outcome else {
                carried[engine.name] = nil
                return .behind
            }
            read.changes.didCommit()
            carried[engine.name] = (checkpoint, read.changes)
            report(entry, before: read.checkpoint, after: checkpoint, head: head)
            let position = checkpoint.rebuild?.position ?? checkpoint.position
            return position < head ? .behind : .caughtUp
        } catch let failure as ProjectionApplyFailure {
            carried[engine.name] = nil
            record(failure, for: entry)
            return .idle
        } catch {
            // A storage problem (a full reader table, a passing I/O error): nothing was committed; the projection is
            // tried again with the next commit, after a pause so that a lasting problem does not spin the thread.
            carried[engine.name] = nil
            usleep(100_000)
            return .idle
        }
    }

    private func report(
        _ entry: ProjectionHost.Entry, before: ProjectionCheckpoint, after: ProjectionCheckpoint, head: UInt64
    ) {
        let tracker = entry.tracker
        if let rebuild = after.rebuild {
            tracker.report(
                RebuildProgress(
                    projection: entry.engine.name, eventsDone: rebuild.position, eventsTotal: head,
                    eventsPerSecond: tracker.rebuildRate(at: rebuild.position), isFinished: false))
            return
        }
        if before.rebuild != nil {
            let rate = tracker.rebuildRate(at: after.position)
            // The observers hear of the end before the waiters resume (and stop observing).
            tracker.report(
                RebuildProgress(
                    projection: entry.engine.name, eventsDone: after.position, eventsTotal: head,
                    eventsPerSecond: rate, isFinished: true))
            tracker.served.setFailure(nil)
            tracker.rebuildsFinished.setFailure(nil)
            tracker.served.advance(to: after.position)
            tracker.rebuildsFinished.advance(to: tracker.rebuildsFinished.position + 1)
            return
        }
        tracker.served.advance(to: after.position)
    }

    /// Stores the failure in the checkpoint (so that it survives a restart) and tells the waiters.
    private func record(_ failure: ProjectionApplyFailure, for entry: ProjectionHost.Entry) {
        if let registry = host.layout.projections {
            _ = try? host.environment.write { txn in
                guard var checkpoint = try ProjectionCheckpoint.read(failure.name, in: registry, txn: txn) else { return }
                checkpoint.failure = .init(position: failure.position.rawValue, reason: failure.reason)
                try checkpoint.write(failure.name, in: registry, txn: txn)
            }
        }
        entry.tracker.served.setFailure(failure.storeError)
        entry.tracker.rebuildsFinished.setFailure(failure.storeError)
    }
}
