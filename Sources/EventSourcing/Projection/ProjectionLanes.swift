import Dispatch
import LMDB
import Synchronization

/// Applies a long run of events to several projection batches on several threads at once.
///
/// The run is cut into chunks of ``chunk`` events. For each chunk the batches are shared out among the threads (the
/// lanes) by the time each took so far, longest first to the least loaded lane; every lane reads the chunk through a
/// read transaction of its own (one transaction serves one thread at a time) and applies it, event by event in log
/// order, to its batches. A batch belongs to one lane for a whole chunk, so nothing is shared between threads but the
/// (immutable) log. After each chunk the lanes join, and the run ends early when the batches hold many changes.
///
/// No read transaction is held while the lanes run or between chunks: a map resize (which waits for every open
/// transaction to end) can always go ahead, and no lane waits for one held by another thread.
struct ProjectionLanes {
    /// Events per chunk.
    static let chunk: UInt64 = 4_096
    /// One event in this many is timed, to share the batches out by their cost.
    static let timedEvery: UInt64 = 16

    let environment: Environment
    let layout: StoreLayout
    /// The store's upcasters, which the views the batches read carry.
    let upcasters: EventUpcasters

    /// What a run did.
    struct Outcome {
        /// The last position applied to the batches that did not fail.
        var through: UInt64
        /// Whether the run stopped before its end for the batches' size.
        var cutShort: Bool
        /// The batches that failed (by index), each with its failure; a failed batch took no later event.
        var failures: [(index: Int, failure: ProjectionApplyFailure)]
    }

    /// Applies the events after `from` through `end` to `batches` on up to `threads` threads, calling `afterChunk`
    /// (on the calling thread) with the last position of each chunk applied that another chunk follows.
    /// - Throws: a storage error of a lane's read (then nothing of the run counts: the caller drops the batches).
    func apply(
        _ batches: [any ProjectionBatch], after from: UInt64, through end: UInt64, changeLimit: Int, threads: Int,
        afterChunk: (_ through: UInt64) -> Void = { _ in }
    ) throws -> Outcome {
        let shared = Shared(batches)
        var live = Array(batches.indices)
        var outcome = Outcome(through: from, cutShort: false, failures: [])
        while outcome.through < end, !live.isEmpty {
            let start = outcome.through
            let stop = min(end, start + Self.chunk)
            let lanes = Self.shareOut(live, costs: shared.costs, among: min(threads, live.count))
            let results = Results(count: lanes.count)
            DispatchQueue.concurrentPerform(iterations: lanes.count) { lane in
                results.slots[lane] = run(lanes[lane], shared, after: start, through: stop)
            }
            for result in results.slots {
                guard let result else { continue }
                if let error = result.error { throw error }
                for (index, cost) in result.costs { shared.costs[index] += cost }
                outcome.failures += result.failures
                live.removeAll { index in result.failures.contains { $0.index == index } }
            }
            outcome.through = stop
            if stop < end, live.reduce(0, { $0 + batches[$1].changedCount }) >= changeLimit {
                outcome.cutShort = true
                break
            }
            if stop < end { afterChunk(stop) }
        }
        return outcome
    }

    /// One lane's chunk: its batches read records through the lane's transaction while it applies.
    private func run(_ lane: [Int], _ shared: Shared, after start: UInt64, through stop: UInt64) -> LaneResult {
        var result = LaneResult()
        var members = lane
        // This lane's batches in an array of its own: an element read from the shared array retains that array's
        // storage, which every lane doing so for every event makes a contended counter.
        var batches = lane.map { shared.batches[$0] }
        do {
            try environment.read { txn in
                for index in members { shared.batches[index].source.transaction = txn.pointer }
                defer { for index in lane { shared.batches[index].source.transaction = nil } }
                try forEachRecord(
                    in: txn, layout: layout, upcasters: upcasters, after: start, through: stop,
                    sharingDecodes: members.count > 1
                ) { view in
                    let timed = view.position.rawValue % Self.timedEvery == 0
                    var next = 0
                    while next < members.count {
                        let index = members[next]
                        let began = timed ? DispatchTime.now().uptimeNanoseconds : 0
                        do throws(ProjectionApplyFailure) {
                            try batches[next].apply(view)
                        } catch {
                            result.failures.append((index, error))
                            members.remove(at: next)
                            batches.remove(at: next)
                            continue
                        }
                        if timed { result.costs[index, default: 0] += DispatchTime.now().uptimeNanoseconds - began }
                        next += 1
                    }
                    return !members.isEmpty
                }
            }
        } catch {
            result.error = error
        }
        return result
    }

    /// Runs `body` on each of `batches` (a batch on one thread at a time), on up to `threads` threads: for work of
    /// the write phase that each batch does on its own (putting its changes in key order, letting go of them after
    /// the commit). `body` gets the batch's index; the first error it throws is rethrown once all are done.
    ///
    /// The batches holding the most changes go first, each to the next thread free, so that the largest do not end
    /// up on one thread.
    static func each(
        _ batches: [any ProjectionBatch], threads: Int, _ body: @escaping @Sendable (Int, any ProjectionBatch) throws -> Void
    ) throws {
        guard threads > 1, batches.count > 1 else {
            for (index, batch) in batches.enumerated() { try body(index, batch) }
            return
        }
        let shared = Shared(batches)
        let order = batches.indices.sorted { (batches[$0].changedCount, $1) > (batches[$1].changedCount, $0) }
        let next = Atomic<Int>(0)
        let lanes = min(threads, batches.count)
        let results = Results(count: lanes)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var result = LaneResult()
            while result.error == nil {
                let claimed = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard claimed < order.count else { break }
                let index = order[claimed]
                do { try body(index, shared.batches[index]) } catch { result.error = error }
            }
            results.slots[lane] = result
        }
        for result in results.slots { if let error = result?.error { throw error } }
    }

    /// `live` shared out among `count` lanes: the costliest first, each to the lane with the least cost so far.
    static func shareOut(_ live: [Int], costs: [UInt64], among count: Int) -> [[Int]] {
        var lanes = [[Int]](repeating: [], count: max(1, count))
        var loads = [UInt64](repeating: 0, count: lanes.count)
        for index in live.sorted(by: { (costs[$0], $1) > (costs[$1], $0) }) {
            let lane = loads.indices.min { loads[$0] < loads[$1] } ?? 0
            lanes[lane].append(index)
            loads[lane] += max(1, costs[index])
        }
        // Each lane applies its batches in their original order.
        return lanes.map { $0.sorted() }.filter { !$0.isEmpty }
    }

    /// The batches and what they cost, shared by the lanes.
    private final class Shared: @unchecked Sendable {
        // @unchecked: during a chunk each batch is touched by the one lane it was given to, and `costs` only
        // between chunks, by the calling thread; the join after each chunk orders these accesses.
        let batches: [any ProjectionBatch]
        var costs: [UInt64]

        init(_ batches: [any ProjectionBatch]) {
            self.batches = batches
            costs = [UInt64](repeating: 0, count: batches.count)
        }
    }

    /// What one lane did in a chunk.
    private struct LaneResult {
        var failures: [(index: Int, failure: ProjectionApplyFailure)] = []
        var costs: [Int: UInt64] = [:]
        var error: (any Error)?
    }

    /// The lanes' results of a chunk.
    private final class Results: @unchecked Sendable {
        // @unchecked: each lane writes its own slot (separate memory, not one array's copy-on-write storage); the
        // caller reads them after the join.
        let slots: UnsafeMutableBufferPointer<LaneResult?>

        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }
    }
}
