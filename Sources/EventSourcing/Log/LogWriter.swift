import Foundation
import LMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The store's single writer: a thread of its own that gathers the appends waiting in its queue into one LMDB
/// write transaction (group commit), commits it, and then tells every caller of the batch its result.
///
/// One durable commit costs two `fsync`s whatever it holds, so concurrent appenders share them: while one batch
/// commits, the next one gathers. A caller's append is validated on its own (a failed expectation fails only that
/// append, and writes none of it); a storage failure fails the whole batch, whose transaction is then rolled back.
/// LMDB's write transaction never leaves this thread, as LMDB requires, and `fsync` never blocks Swift's
/// cooperative thread pool.
final class LogWriter: @unchecked Sendable {
    // @unchecked: `pending` and `stopping` are only touched with `mutex` held; `thread` is set once in `init`.

    typealias Completion = @Sendable (Result<AppendResult, EventStoreError>) -> Void
    /// More writes for the transaction of one append, run once its expectations held (an erasure destroys its
    /// subject's key in the transaction that records the erasure event).
    typealias SideEffect = @Sendable (borrowing WriteTransaction) throws -> Void

    struct Request {
        var writes: [StreamWrite]
        var eventCount: Int
        var sideEffect: SideEffect?
        var completion: Completion
    }

    private let environment: Environment
    private let index: StreamIndex
    private let projections: ProjectionHost
    private let configuration: EventStoreConfiguration
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var pending: [Request] = []
    private var stopping = false
    private var stopped = false
    private var failure: EventStoreError?

    init(environment: Environment, index: StreamIndex, projections: ProjectionHost, configuration: EventStoreConfiguration) {
        self.environment = environment
        self.index = index
        self.projections = projections
        self.configuration = configuration
        pthread_mutex_init(mutex, nil)
        // The gather window is timed on the monotonic clock, so a wall-clock jump cannot stretch it.
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
        let thread = Thread { [self] in run() }
        thread.name = "rapport.writer"
        thread.start()
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Queues an append; `completion` runs on the writer's thread once it is durable or has failed.
    func submit(_ writes: [StreamWrite], eventCount: Int, sideEffect: SideEffect? = nil, completion: @escaping Completion) {
        pthread_mutex_lock(mutex)
        if stopping {
            pthread_mutex_unlock(mutex)
            completion(.failure(.closed))
            return
        }
        pending.append(Request(writes: writes, eventCount: eventCount, sideEffect: sideEffect, completion: completion))
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Finishes the queued appends, merges the recent index, and stops the thread.
    func stop() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_broadcast(condition)
        while !stopped { pthread_cond_wait(condition, mutex) }
        pthread_mutex_unlock(mutex)
    }

    private func run() {
        var previousBatchRequests = 1
        while true {
            pthread_mutex_lock(mutex)
            while pending.isEmpty && !stopping { pthread_cond_wait(condition, mutex) }
            if pending.isEmpty && stopping {
                pthread_mutex_unlock(mutex)
                break
            }
            // When the last commit served several appenders, give them a moment to come back, so that one commit
            // serves them all again instead of alternating between a lone append and the rest.
            if pending.count < previousBatchRequests && !stopping {
                var deadline = Self.deadline(after: configuration.groupCommitWindow)
                while pending.count < previousBatchRequests && !stopping {
                    if pthread_cond_timedwait(condition, mutex, &deadline) != 0 { break }
                }
            }
            var batch: [Request] = []
            var events = 0
            while let next = pending.first, batch.isEmpty || events + next.eventCount <= configuration.maximumEventsPerCommit {
                batch.append(pending.removeFirst())
                events += next.eventCount
            }
            pthread_mutex_unlock(mutex)
            previousBatchRequests = batch.count
            commit(batch)
            if index.recent.count >= configuration.indexMergeThreshold { mergeIndex() }
        }
        if !configuration.readOnly { mergeIndex() }
        pthread_mutex_lock(mutex)
        stopped = true
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
    }

    /// The monotonic-clock moment `window` from now, for `pthread_cond_timedwait`.
    private static func deadline(after window: Duration) -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let (seconds, attoseconds) = window.components
        var nanoseconds = Int(now.tv_nsec) + Int(attoseconds / 1_000_000_000)
        var wholeSeconds = Int(now.tv_sec) + Int(seconds)
        wholeSeconds += nanoseconds / 1_000_000_000
        nanoseconds %= 1_000_000_000
        return timespec(tv_sec: wholeSeconds, tv_nsec: nanoseconds)
    }

    /// Runs an index merge now (on the writer's thread, between batches).
    private func mergeIndex() {
        do {
            let through = try environment.write { txn in try index.merge(in: txn) }
            index.recent.prune(through: through)
        } catch {
            // The log is intact and the recent index still answers; the merge is retried after the next batch.
        }
    }

    /// Commits one batch. Inline projections are applied in the same transaction; when one throws on an event,
    /// the append that brought the event fails with ``EventStoreError/projectionFailed(name:position:reason:)``
    /// and the batch is written again without it.
    private func commit(_ batch: [Request]) {
        var results: [Result<AppendResult, EventStoreError>] = []
        var appended: [RecentIndex.Appended] = []
        var excluded: [Int: EventStoreError] = [:]
        var committedHead: UInt64 = 0
        var inlineApplied: [String] = []
        while true {
            do {
                try environment.write { txn in
                    results = []
                    appended = []
                    var state = try BatchState(
                        txn: txn, index: index, now: configuration.clock(), events: batch.reduce(0) { $0 + $1.eventCount })
                    for (number, request) in batch.enumerated() {
                        if let failure = excluded[number] {
                            results.append(.failure(failure))
                        } else {
                            let result = try state.apply(request.writes, txn: txn)
                            if case .success(let done) = result, !done.wasAlreadyRecorded, let effect = request.sideEffect {
                                try effect(txn)
                            }
                            results.append(result)
                        }
                    }
                    inlineApplied = try projections.applyInline(in: txn, after: state.startHead, through: state.head)
                    appended = state.appended
                    committedHead = state.head
                }
            } catch let failure as ProjectionApplyFailure {
                // The append that brought the failing event fails alone; the others are written again.
                let culprit = results.firstIndex { result in
                    if case .success(let done) = result { return done.positions.contains(failure.position) }
                    return false
                }
                if let culprit, excluded[culprit] == nil {
                    excluded[culprit] = failure.storeError
                    continue
                }
                results = Array(repeating: .failure(failure.storeError), count: batch.count)
                appended = []
            } catch let error as EventStoreError {
                results = Array(repeating: .failure(error), count: batch.count)
                appended = []
            } catch let error as LMDBError {
                results = Array(repeating: .failure(.storage(error)), count: batch.count)
                appended = []
            } catch {
                results = Array(repeating: .failure(.invalidInput("\(error)")), count: batch.count)
                appended = []
            }
            break
        }
        index.recent.record(appended)
        if !appended.isEmpty { projections.didCommit(head: committedHead, inlineApplied: inlineApplied) }
        for (request, result) in zip(batch, results) { request.completion(result) }
    }
}

/// The writer's view of the log while it applies one batch: the head, the chain hash, and what earlier appends of
/// the same batch did.
private struct BatchState {
    let index: StreamIndex
    let bounds: StreamIndex.Bounds
    /// The head before this batch.
    let startHead: UInt64
    let indexedIDs: StreamIndex.IndexedIDs
    var head: UInt64
    var previousHash: [UInt8]
    let recordedAt: Timestamp
    var streamVersions: [String: UInt64] = [:]
    var ids: [EventID: UInt64] = [:]
    var appended: [RecentIndex.Appended] = []
    var scratch: [UInt8] = []
    var keyBuffer = [UInt8](repeating: 0, count: 8)

    init(txn: borrowing WriteTransaction, index: StreamIndex, now: Timestamp, events: Int) throws {
        self.index = index
        streamVersions.reserveCapacity(events)
        ids.reserveCapacity(events)
        appended.reserveCapacity(events)
        let head = try index.layout.head(txn)
        let indexed = try index.layout.indexedThrough(txn)
        bounds = StreamIndex.Bounds(head: head.position, indexedThrough: indexed)
        indexedIDs = .through(try index.newestIndexedID(in: txn))
        try index.recent.catchUp(through: head.position, indexedThrough: indexed, in: txn, layout: index.layout)
        self.head = head.position
        startHead = head.position
        previousHash = head.hash
        // Recorded times never go backwards, so the log can be searched by time.
        recordedAt = Timestamp(rawValue: max(now.rawValue, head.recordedAt))
        scratch.reserveCapacity(1024)
    }

    /// The position of an event id in the log or earlier in this batch.
    private func position(of id: EventID, txn: borrowing WriteTransaction) throws -> UInt64? {
        if let local = ids[id] { return local }
        return try index.position(of: id, in: txn, bounds: bounds, indexedIDs: indexedIDs)
    }

    private func version(of stream: String, txn: borrowing WriteTransaction) throws -> UInt64 {
        if let local = streamVersions[stream] { return local }
        return try index.version(of: stream, in: txn, bounds: bounds)
    }

    /// Applies one caller's append: a failure result writes nothing; a thrown error aborts the batch.
    mutating func apply(_ writes: [StreamWrite], txn: borrowing WriteTransaction) throws
        -> Result<AppendResult, EventStoreError>
    {
        // Idempotency: events recorded before are not written again.
        var recorded: [(EventID, UInt64)] = []
        var new: [EventID] = []
        for write in writes {
            for event in write.events {
                if let position = try position(of: event.id, txn: txn) {
                    recorded.append((event.id, position))
                } else {
                    new.append(event.id)
                }
            }
        }
        if !recorded.isEmpty {
            return try replay(writes, recorded: recorded, new: new, txn: txn)
        }
        // Expectations, all checked before anything is written.
        var versions: [UInt64] = []
        for write in writes {
            let current = try version(of: write.stream.rawValue, txn: txn)
            guard write.expectedVersion.isSatisfied(byVersion: current) else {
                return .failure(.wrongExpectedVersion(stream: write.stream, expected: write.expectedVersion, actual: current))
            }
            versions.append(current)
        }
        var positions: [LogPosition] = []
        var streamVersions: [StreamName: UInt64] = [:]
        for (write, current) in zip(writes, versions) {
            var version = current
            for event in write.events {
                head += 1
                version += 1
                scratch.removeAll(keepingCapacity: true)
                previousHash.withUnsafeBytes { previous in
                    EventRecord.encode(
                        event, stream: write.stream, streamVersion: version, position: head, recordedAt: recordedAt,
                        previousHash: previous, into: &scratch)
                }
                keyBuffer.withUnsafeMutableBytes { $0.storeBytes(of: head.bigEndian, as: UInt64.self) }
                try txn.put(index.layout.events, key: keyBuffer, value: scratch, flags: .append)
                // The next record chains to this one's hash, copied in place rather than into a new array.
                let record = scratch
                previousHash.withUnsafeMutableBytes { hash in
                    record.withUnsafeBytes { bytes in
                        hash.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[EventRecord.hashOffset..<EventRecord.bodyOffset]))
                    }
                }
                ids[event.id] = head
                appended.append(RecentIndex.Appended(stream: write.stream.rawValue, version: version, position: head, id: event.id))
                positions.append(LogPosition(head))
            }
            self.streamVersions[write.stream.rawValue] = version
            streamVersions[write.stream] = version
        }
        return .success(AppendResult(positions: positions, streamVersions: streamVersions, wasAlreadyRecorded: false))
    }

    /// A retried append: every event must have been recorded before with the same content.
    private func replay(
        _ writes: [StreamWrite], recorded: [(EventID, UInt64)], new: [EventID], txn: borrowing WriteTransaction
    ) throws -> Result<AppendResult, EventStoreError> {
        guard new.isEmpty else { return .failure(.partiallyRecorded(recorded: recorded.map(\.0), new: new)) }
        var positions: [LogPosition] = []
        var streamVersions: [StreamName: UInt64] = [:]
        var index = 0
        for write in writes {
            for event in write.events {
                let position = recorded[index].1
                index += 1
                let outcome = try txn.withValue(self.index.layout.events, forKey: bigEndianKey(position)) {
                    raw -> (matches: Bool, version: UInt64) in
                    let view = try RecordView(position: LogPosition(position), bytes: raw)
                    return (view.matches(event, stream: write.stream), view.streamVersion)
                }
                guard let outcome, outcome.matches else {
                    return .failure(.duplicateEventID(event.id, recordedAt: LogPosition(position)))
                }
                positions.append(LogPosition(position))
                streamVersions[write.stream] = max(streamVersions[write.stream] ?? 0, outcome.version)
            }
        }
        return .success(AppendResult(positions: positions, streamVersions: streamVersions, wasAlreadyRecorded: true))
    }
}
