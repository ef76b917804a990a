public import EventSourcing

/// Writes the standard workload's history as CRM domain events (``CRMWorkloadMapping``) into an event store: the
/// seeded history the demo shows through the CRM views, and the views benchmark's data.
///
/// The first `configuration.events` workload events are generated (``WorkloadGenerator``), mapped, and appended
/// `configuration.batchSize` workload events at a time: each batch, with every CRM event mapped from its workload
/// events (derived ones included), is one atomic append, one write per stream in the order the streams first
/// appear in the batch, each stream's events in order (the streams' versions are not checked: load into a new
/// store).
///
/// ```swift
/// let store = try EventStore(path: path)
/// let loaded = try await CRMWorkloadLoader.load(WorkloadConfiguration(events: 50_000), into: store)
/// print(loaded.crmEvents)   // the direct and derived events written
/// ```
public enum CRMWorkloadLoader {
    /// How far a load has come, after a batch.
    public struct Progress: Sendable, Hashable {
        /// Workload events mapped and written so far.
        public var workloadEvents: Int
        /// Workload events in all.
        public var total: Int
        /// CRM events written so far (direct and derived).
        public var crmEvents: Int
    }

    /// What a load wrote.
    public struct Summary: Sendable, Hashable {
        /// The workload events generated and mapped.
        public var workloadEvents: Int
        /// The CRM events written: one direct event per workload event and the derived ones.
        public var crmEvents: Int
        /// The derived events among them (set-up included).
        public var derivedEvents: Int
        /// The CRM events written per event type.
        public var countsByType: [String: Int]
        /// The atomic appends made.
        public var batches: Int
    }

    /// Generates, maps and appends the history.
    /// - Parameters:
    ///   - configuration: the workload's sizes; `events` workload events, `batchSize` of them per append.
    ///   - detail: what the mapping writes besides one event per workload event.
    ///   - store: the store to write into (a new one: stream versions are not checked).
    ///   - progress: called after each batch.
    /// - Returns: what was written.
    /// - Throws: ``EventStoreError`` from the append (the batch that failed is not written, the earlier ones are).
    @discardableResult
    public static func load(
        _ configuration: WorkloadConfiguration, detail: CRMWorkloadMapping.Detail = .realistic, into store: EventStore,
        progress: (Progress) -> Void = { _ in }
    ) async throws(EventStoreError) -> Summary {
        var generator = WorkloadGenerator(configuration: configuration)
        var mapping = CRMWorkloadMapping(detail: detail)
        var summary = Summary(workloadEvents: 0, crmEvents: 0, derivedEvents: 0, countsByType: [:], batches: 0)
        let batchSize = max(1, configuration.batchSize)
        while summary.workloadEvents < configuration.events {
            let count = min(batchSize, configuration.events - summary.workloadEvents)
            var writes: [StreamWrite] = []
            var slots: [StreamName: Int] = [:]
            var written = 0
            for _ in 0..<count {
                for mapped in try mapping.map(generator.nextDatasetEvent()) {
                    if let slot = slots[mapped.stream] {
                        writes[slot].events.append(mapped.event)
                    } else {
                        slots[mapped.stream] = writes.count
                        writes.append(StreamWrite(stream: mapped.stream, events: [mapped.event]))
                    }
                    written += 1
                    if mapped.isDerived { summary.derivedEvents += 1 }
                    summary.countsByType[mapped.event.type, default: 0] += 1
                }
            }
            try await store.append(writes)
            summary.workloadEvents += count
            summary.crmEvents += written
            summary.batches += 1
            progress(Progress(workloadEvents: summary.workloadEvents, total: configuration.events, crmEvents: summary.crmEvents))
        }
        return summary
    }
}
