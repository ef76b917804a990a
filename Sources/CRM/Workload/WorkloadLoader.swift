public import EventSourcing

/// Appends the standard workload's dataset to an event store: a realistic, seeded history that is the same on
/// every run (the demo's history, and the benchmark's W1).
public enum WorkloadLoader {
    /// How far a load has come.
    public struct Progress: Sendable {
        /// Events appended so far.
        public var done: Int
        /// Events in all.
        public var total: Int
    }

    /// Appends the first `configuration.events` events of the dataset, `configuration.batchSize` per atomic append,
    /// each stream expecting the version before its first event of the batch.
    /// - Parameter progress: called after each batch.
    /// - Returns: the fold of what was generated, to compare with what a replay reads back.
    /// - Throws: ``EventStoreError``.
    @discardableResult
    public static func load(
        _ configuration: WorkloadConfiguration, into store: EventStore, actor: String? = "workload",
        progress: (Progress) -> Void = { _ in }
    ) async throws(EventStoreError) -> WorkloadTotals {
        var generator = WorkloadGenerator(configuration: configuration)
        var fold = WorkloadFold(customers: configuration.customers)
        var done = 0
        let batchSize = max(1, configuration.batchSize)
        while done < configuration.events {
            let count = min(batchSize, configuration.events - done)
            var order: [String] = []
            var groups: [String: (first: Int, events: [NewEvent])] = [:]
            for _ in 0..<count {
                let event = generator.nextDatasetEvent()
                fold.apply(customer: event.customer, type: event.type, amountCents: event.amountCents)
                if groups[event.streamName] == nil {
                    order.append(event.streamName)
                    groups[event.streamName] = (event.version, [])
                }
                groups[event.streamName]?.events.append(try event.newEvent(actor: actor))
            }
            var writes: [StreamWrite] = []
            for name in order {
                guard let group = groups[name] else { continue }
                writes.append(
                    StreamWrite(
                        stream: try StreamName(name), expectedVersion: .exactly(UInt64(group.first - 1)),
                        events: group.events))
            }
            try await store.append(writes)
            done += count
            progress(Progress(done: done, total: configuration.events))
        }
        return fold.totals
    }

    /// Replays the whole store through the workload fold.
    /// - Throws: ``EventStoreError``.
    public static func replayTotals(of store: EventStore, customers: Int) throws(EventStoreError) -> WorkloadTotals {
        var fold = WorkloadFold(customers: customers)
        try mapStoreErrors {
            try store.read { snapshot in
                try snapshot.forEach { view in
                    try fold.apply(view)
                    return true
                }
            }
        }
        return fold.totals
    }
}

/// Runs `body`, passing `EventStoreError` through and wrapping anything else.
func mapStoreErrors<R>(_ body: () throws -> R) throws(EventStoreError) -> R {
    do {
        return try body()
    } catch let error as EventStoreError {
        throw error
    } catch {
        throw .invalidInput("\(error)")
    }
}
