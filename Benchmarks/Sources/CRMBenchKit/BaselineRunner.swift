import CRM
import Foundation

/// Runs the standard workloads against the raw-LMDB baseline.
public final class BaselineRunner: Sendable {
    /// The baseline store.
    public let baseline: RawLMDBBaseline

    /// Opens a baseline store at `path`.
    public init(path: String) throws { baseline = try RawLMDBBaseline(path: path) }

    /// W1: every event, `batchSize` per durable commit.
    public func bulkAppend(_ events: [PreparedEvent], batchSize: Int) throws {
        var start = 0
        while start < events.count {
            let end = min(start + batchSize, events.count)
            try baseline.append(events[start..<end])
            start = end
        }
    }

    /// W2: one event per durable commit; returns each append's latency.
    public func singleAppends(_ events: [PreparedEvent]) throws -> [Duration] {
        let clock = ContinuousClock()
        return try events.map { event in
            let started = clock.now
            try baseline.append([event][0...0])
            return clock.now - started
        }
    }

    /// W3: one thread per writer, each committing its own single-event transactions (LMDB serialises them).
    public func concurrentAppends(_ perWriter: [[PreparedEvent]]) throws {
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: perWriter.count) { writer in
            do {
                for event in perWriter[writer] { try baseline.append([event][0...0]) }
            } catch {
                failures.record(error)
            }
        }
        if let error = failures.first { throw error }
    }

    /// W4: reads every record, decodes it and folds it.
    public func replay(customers: Int) throws -> (events: Int, totals: WorkloadTotals) {
        var fold = WorkloadFold(customers: customers)
        let count = try baseline.replay(into: &fold)
        return (count, fold.totals)
    }

    /// W5: reads each customer's stream through the index.
    public func streamReads(_ customers: [Int]) throws -> Int {
        try customers.reduce(0) { total, customer in
            total + (try baseline.readStream(Array(PreparedWorkload.streamName(customer).utf8)))
        }
    }
}

/// The first error of concurrent work.
final class Failures: @unchecked Sendable {
    // @unchecked: `errors` is only touched with `lock` held.
    private let lock = NSLock()
    private var errors: [any Error] = []
    func record(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
}
