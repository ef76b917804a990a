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
    // @unchecked: `tasks`, `signalled`, `stopping`, `stopped` and (once started) `thread` are only touched with
    // `condition` locked.

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
    /// Lets go of the map's pages during long batches.
    private let pages: MappedPageBudget
    /// How often, in seconds, an idle runner looks for commits of other processes.
    static let foreignCommitPoll = 0.05

    init(host: ProjectionHost) {
        self.host = host
        pages = MappedPageBudget(environment: host.environment, enabled: host.configuration.releasesMappedPages)
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
        pages.stop()
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
            for group in groups() {
                condition.lock()
                let stopNow = stopping
                condition.unlock()
                if stopNow { break }
                switch step(group) {
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
        // The thread's closure holds the runner: letting go of the thread ends that cycle, so a closed store's
        // runner and its last batches are freed (AddressSanitizer's leak check found them kept).
        thread = nil
        condition.broadcast()
        condition.unlock()
        for task in late { task() }
    }

    /// One projection of a group step: the checkpoint its batch started from, and the batch.
    private struct Member {
        var entry: ProjectionHost.Entry
        var checkpoint: ProjectionCheckpoint
        var changes: any ProjectionBatch
        var name: String { entry.engine.name }
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

    /// The projections that continue from the same position, in groups, the furthest behind first: each group
    /// reads the log once for all its members (a rebuild of several projections started together is one pass).
    private func groups() -> [[ProjectionHost.Entry]] {
        let entries = host.entries
        guard entries.count > 1, let registry = host.layout.projections else { return entries.map { [$0] } }
        do {
            return try host.environment.read { txn in
                var byStart: [UInt64: [ProjectionHost.Entry]] = [:]
                for entry in entries {
                    // A projection without a checkpoint, or a failed one, has nothing to do; `step` says so.
                    let start = try ProjectionCheckpoint.read(entry.engine.name, in: registry, txn: txn)?.target.position ?? 0
                    byStart[start, default: []].append(entry)
                }
                return byStart.sorted { $0.key < $1.key }.map(\.value)
            }
        } catch {
            return entries.map { [$0] }
        }
    }

    /// Runs one batch for a group of projections that continue from the same position: one read of the log applies
    /// each event to every member, one write transaction commits every member's records and checkpoint.
    ///
    /// A member whose projection throws is recorded as failed and leaves the group; the others go on. A member
    /// whose checkpoint moved meanwhile (an inline append, a rebuild request) is left for the next step.
    private func step(_ group: [ProjectionHost.Entry]) -> StepOutcome {
        guard let registry = host.layout.projections else { return .idle }
        let layout = host.layout
        let upcasters = host.configuration.upcasters
        let batchSize = UInt64(max(1, host.configuration.projectionBatchSize))
        let rebuildBatchSize = UInt64(max(1, host.configuration.projectionRebuildBatchSize))
        // The rebuilding members, told of the events applied in memory while the batch runs.
        var progress = RebuildReports(members: [], head: 0, from: 0)
        let changeLimit = max(1, host.configuration.projectionBatchChangeLimit)
        var members: [Member] = []
        // Set once the batch is known to be long: the budget then watches the mapped pages until the step ends.
        var watching = false
        defer { if watching { pages.end() } }
        do {
            if try restartPartialRebuilds(group) { return .behind }
            // Read phase: apply up to a batch of events in memory, to every member.
            var failures: [ProjectionApplyFailure] = []
            var cutShort = false
            let threads = max(1, host.configuration.projectionThreads)
            // A long run for several members goes to lanes on several threads, outside this transaction.
            var inLanes: (from: UInt64, end: UInt64)?
            var batchFrom: UInt64 = 0
            var last = try host.environment.read { txn -> UInt64? in
                let head = try layout.lastPosition(txn)
                var from: UInt64?
                for entry in group {
                    let name = entry.engine.name
                    // A rebuild still partial here is one another live process is writing: it sits this step out.
                    guard let checkpoint = try ProjectionCheckpoint.read(name, in: registry, txn: txn),
                        checkpoint.failure == nil, checkpoint.rebuild?.isPartial != true
                    else { continue }
                    let (slot, start) = checkpoint.target
                    // A rebuild that has nothing (more) to read still has its swap to do.
                    guard start < head || checkpoint.rebuild != nil else { continue }
                    // Moved since the groups were formed: it waits for the next round.
                    if let from, start != from { continue }
                    from = start
                    let reused = carried[name].flatMap { $0.checkpoint == checkpoint ? $0.batch : nil }
                    // A rebuild from the first event will hold about as many records as the state it replaces, up
                    // to the changes a batch holds before it commits.
                    let expected = checkpoint.rebuild?.position == 0
                        ? min(try txn.count(entry.engine.slots[Int(checkpoint.activeSlot)]), changeLimit) : 0
                    members.append(Member(
                        entry: entry, checkpoint: checkpoint,
                        changes: reused ?? entry.engine.makeBatch(slot: slot, expectedRecords: expected)))
                }
                guard let from, !members.isEmpty else { return nil }
                batchFrom = from
                let rebuilding = members.allSatisfy { $0.checkpoint.rebuild != nil }
                let end = min(head, from + (rebuilding ? rebuildBatchSize : batchSize))
                progress = RebuildReports(members: members.filter { $0.checkpoint.rebuild != nil }.map(\.entry), head: head, from: from)
                if end - from >= ProjectionLanes.chunk, !watching {
                    pages.begin()
                    watching = true
                }
                if threads > 1, members.count > 1, end - from >= ProjectionLanes.chunk {
                    inLanes = (from, end)
                    return end
                }
                for member in members { member.changes.source.transaction = txn.pointer }
                defer { for member in members { member.changes.source.transaction = nil } }
                var through = end
                var applied = from
                try forEachRecord(
                    in: txn, layout: layout, upcasters: upcasters, after: from, through: end,
                    sharingDecodes: members.count > 1
                ) { view in
                    // The batch ends early once its members hold many changed records, to bound its memory.
                    if (view.position.rawValue - from) % 1_024 == 0,
                        members.reduce(0, { $0 + $1.changes.changedCount }) >= changeLimit
                    {
                        through = applied
                        cutShort = true
                        return false
                    }
                    // Reported once a later event follows (the batch's last one is reported by its commit).
                    progress.applied(through: applied)
                    applied = view.position.rawValue
                    var index = 0
                    while index < members.count {
                        do throws(ProjectionApplyFailure) {
                            try members[index].changes.apply(view)
                            index += 1
                        } catch {
                            failures.append(error)
                            members.remove(at: index)
                        }
                    }
                    return true
                }
                return through
            }
            if let (from, end) = inLanes {
                let outcome = try ProjectionLanes(environment: host.environment, layout: layout, upcasters: upcasters).apply(
                    members.map(\.changes), after: from, through: end, changeLimit: changeLimit, threads: threads
                ) { through in progress.applied(through: through) }
                for (index, failure) in outcome.failures.sorted(by: { $0.index > $1.index }) {
                    failures.append(failure)
                    members.remove(at: index)
                }
                (last, cutShort) = (outcome.through, outcome.cutShort)
            }
            for failure in failures { fail(failure) }
            guard let last, !members.isEmpty else { return failures.isEmpty ? .idle : .behind }

            // A rebuild that changed many records writes all but the last part of them in commits of their own (the
            // slot serves no reads), its checkpoint marked partial meanwhile.
            var stored = members.map(\.checkpoint)
            var wroteAhead = false
            let portion = max(1, host.configuration.projectionRebuildCommitRecords)
            let parting = members.indices.filter {
                members[$0].checkpoint.rebuild != nil && members[$0].changes.changedCount > portion
            }
            // Their changes in key order, each batch on one of the threads.
            let counts = Counts(parting.count)
            try ProjectionLanes.each(parting.map { members[$0].changes }, threads: threads) { index, batch in
                counts.values[index] = try batch.prepareWrites()
            }
            for (place, index) in parting.enumerated() {
                let member = members[index]
                let count = counts.values[place]
                var written = 0
                while count - written > portion {
                    let part = written..<written + portion
                    var partial = stored[index]
                    partial.rebuild?.partialWriter = getpid()
                    let ours = try host.environment.write { txn -> Bool in
                        guard try ProjectionCheckpoint.read(member.name, in: registry, txn: txn) == stored[index] else { return false }
                        try member.changes.writePrepared(part, txn: txn)
                        try partial.write(member.name, in: registry, txn: txn)
                        return true
                    }
                    // Moved meanwhile: the write phase below leaves this member out.
                    guard ours else { break }
                    (stored[index], written, wroteAhead) = (partial, part.upperBound, true)
                    member.changes.markWritten(written)
                }
            }

            // Write phase: the events appended meanwhile (unless the batch was cut short for its size, or some records
            // are already written), every member's (remaining) records and checkpoint, in one commit.
            let tailLimit = min(batchSize, 2_000)
            // The write closure may run again (when the map grows): it applies each tail event to each batch once,
            // and keeps to the members of its first run.
            var applied = last
            var live = Array(members.indices)
            let outcome = try host.environment.write { txn -> (committed: [(Int, ProjectionCheckpoint)], head: UInt64) in
                live = try live.filter { index in
                    try ProjectionCheckpoint.read(members[index].name, in: registry, txn: txn) == stored[index]
                }
                let head = try layout.lastPosition(txn)
                guard !live.isEmpty else { return ([], head) }
                if !cutShort && !wroteAhead && head > applied && head - applied <= tailLimit {
                    for index in live { members[index].changes.source.transaction = txn.pointer }
                    defer { for index in live { members[index].changes.source.transaction = nil } }
                    try forEachRecord(
                        in: txn, layout: layout, upcasters: upcasters, after: applied, through: head,
                        sharingDecodes: live.count > 1
                    ) { view in
                        for index in live { try members[index].changes.apply(view) }
                        applied = view.position.rawValue
                        return true
                    }
                }
                var committed: [(Int, ProjectionCheckpoint)] = []
                for index in live {
                    let member = members[index]
                    try member.changes.write(txn: txn)
                    var checkpoint = member.checkpoint
                    if var rebuild = checkpoint.rebuild {
                        if applied == head {
                            // Caught up: the rebuilt slot serves from now on; the old one is emptied.
                            try txn.clear(member.entry.engine.slots[Int(checkpoint.activeSlot)])
                            checkpoint = ProjectionCheckpoint(
                                version: rebuild.version, activeSlot: rebuild.slot, position: applied, rebuild: nil, failure: nil)
                        } else {
                            rebuild.position = applied
                            checkpoint.rebuild = rebuild
                        }
                    } else {
                        checkpoint.position = applied
                    }
                    try checkpoint.write(member.name, in: registry, txn: txn)
                    committed.append((index, checkpoint))
                }
                return (committed, head)
            }
            if applied - batchFrom >= ProjectionLanes.chunk {
                // A long batch (a rebuild, a catch-up) touched many pages of the map: they need not stay resident.
                pages.release()
            }
            var outcomeSoFar = StepOutcome.caughtUp
            var kept = Set<Int>()
            // What the batches let go of at the commit (after a long batch, most of what they hold: freeing a
            // rebuild's records is a good part of its time) is freed on the threads side by side.
            try ProjectionLanes.each(outcome.committed.map { members[$0.0].changes }, threads: threads) { _, batch in
                batch.didCommit()
            }
            for (index, checkpoint) in outcome.committed {
                let member = members[index]
                kept.insert(index)
                carried[member.name] = (checkpoint, member.changes)
                report(member.entry, before: member.checkpoint, after: checkpoint, head: outcome.head)
                if (checkpoint.rebuild?.position ?? checkpoint.position) < outcome.head { outcomeSoFar = .behind }
            }
            // Members whose checkpoint moved read again from it.
            for (index, member) in members.enumerated() where !kept.contains(index) {
                carried[member.name] = nil
                outcomeSoFar = .behind
            }
            return outcomeSoFar
        } catch let failure as ProjectionApplyFailure {
            // A member failed on an event appended meanwhile, or its records did not encode: nothing was committed
            // but the parts of rebuilds written ahead (those rebuilds start again from the first event). It is
            // recorded as failed; the others read their batch again.
            for member in members { carried[member.name] = nil }
            fail(failure)
            return .behind
        } catch {
            // A storage problem (a full reader table, a passing I/O error): nothing was committed but the parts of
            // rebuilds written ahead (those rebuilds start again from the first event); the projections are tried
            // again with the next commit, after a pause so that a lasting problem does not spin the thread.
            for entry in group { carried[entry.engine.name] = nil }
            usleep(100_000)
            return .idle
        }
    }

    /// Starts again, from an empty slot, the rebuilds of `group` whose checkpoint says a batch was being written in
    /// several commits by a process that is gone (a crash) or by this one (which is not writing one now: a storage
    /// error or a failing projection stopped it), so the slot holds part of a batch beyond the checkpoint's position.
    /// - Returns: whether any was started again.
    private func restartPartialRebuilds(_ group: [ProjectionHost.Entry]) throws -> Bool {
        guard let registry = host.layout.projections else { return false }
        let stale = try host.environment.read { txn in
            try group.filter { entry in
                guard let writer = try ProjectionCheckpoint.read(entry.engine.name, in: registry, txn: txn)?.rebuild?.partialWriter
                else { return false }
                return !Self.isAnotherLiveProcess(writer)
            }
        }
        guard !stale.isEmpty else { return false }
        try host.environment.write { txn in
            for entry in stale {
                let name = entry.engine.name
                guard var checkpoint = try ProjectionCheckpoint.read(name, in: registry, txn: txn),
                    var rebuild = checkpoint.rebuild, let writer = rebuild.partialWriter, !Self.isAnotherLiveProcess(writer)
                else { continue }
                try txn.clear(entry.engine.slots[Int(rebuild.slot)])
                (rebuild.position, rebuild.partialWriter) = (0, nil)
                checkpoint.rebuild = rebuild
                try checkpoint.write(name, in: registry, txn: txn)
            }
        }
        for entry in stale { carried[entry.engine.name] = nil }
        return true
    }

    /// Whether `process` is a live process other than this one (`kill` with no signal; `EPERM` means it lives
    /// under another user). Process ids are those of this system's process namespace, as in LMDB's own reader check.
    static func isAnotherLiveProcess(_ process: Int32) -> Bool {
        guard process > 0, process != getpid() else { return false }
        return kill(process, 0) == 0 || errno == EPERM
    }

    /// Records `failure` for its projection.
    private func fail(_ failure: ProjectionApplyFailure) {
        carried[failure.name] = nil
        guard let entry = host.entry(named: failure.name) else { return }
        record(failure, for: entry)
    }

    /// Progress reports of the rebuilding members of a batch while it runs (before its commit, which reports too):
    /// one every ``interval`` events applied in memory.
    struct RebuildReports {
        /// Events between two reports: a chunk of the lanes.
        static let interval: UInt64 = ProjectionLanes.chunk
        let members: [ProjectionHost.Entry]
        /// The log's last position when the batch began.
        let head: UInt64
        /// The position of the last report (or the batch's start).
        private var reported: UInt64

        init(members: [ProjectionHost.Entry], head: UInt64, from: UInt64) {
            (self.members, self.head, reported) = (members, head, from)
            // The rate counts from the start of the first batch, not from its first report.
            for entry in members { _ = entry.tracker.rebuildRate(at: from) }
        }

        /// Reports the events through `position` as applied, when ``interval`` events passed since the last report.
        mutating func applied(through position: UInt64) {
            guard !members.isEmpty, position >= reported + Self.interval else { return }
            reported = position
            for entry in members {
                entry.tracker.report(
                    RebuildProgress(
                        projection: entry.engine.name, eventsDone: position, eventsTotal: head,
                        eventsPerSecond: entry.tracker.rebuildRate(at: position), isFinished: false))
            }
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

/// A count per batch, each written by the one thread that prepares that batch's writes and read after the join.
private final class Counts: @unchecked Sendable {
    // @unchecked: each thread writes its own slots (separate memory); the caller reads them after the join.
    let values: UnsafeMutableBufferPointer<Int>

    init(_ count: Int) {
        values = .allocate(capacity: count)
        values.initialize(repeating: 0)
    }

    deinit { values.deallocate() }
}
