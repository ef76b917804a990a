import CRM
import EventSourcing
import Foundation

/// Runs the standard workloads against a Rapport `EventStore`.
public final class RapportRunner: Sendable {
    /// The store under test.
    public let store: EventStore
    let codec = BinaryPayloadCodec()

    /// Opens a durable store at `path` (the default configuration: every append synced before it returns).
    public init(path: String) throws {
        store = try EventStore(path: path)
    }

    /// Closes the store.
    public func close() { store.close() }

    /// The writes of one batch: the events grouped by stream in order, each stream expecting the version before
    /// its first event (the same check the baseline makes by reading each stream's head).
    static func writes(_ batch: ArraySlice<PreparedEvent>) -> [StreamWrite] {
        var slots: [Int: Int] = [:]
        slots.reserveCapacity(batch.count)
        var writes: [StreamWrite] = []
        writes.reserveCapacity(batch.count)
        for index in batch.indices {
            if let slot = slots[batch[index].customer] {
                writes[slot].events.append(batch[index].newEvent)
            } else {
                slots[batch[index].customer] = writes.count
                writes.append(
                    StreamWrite(
                        stream: batch[index].stream, expectedVersion: .exactly(batch[index].version - 1),
                        events: [batch[index].newEvent]))
            }
        }
        return writes
    }

    /// W1: every event, `batchSize` per durable commit.
    public func bulkAppend(_ events: [PreparedEvent], batchSize: Int) async throws {
        var start = 0
        while start < events.count {
            let end = min(start + batchSize, events.count)
            try await store.append(Self.writes(events[start..<end]))
            start = end
        }
    }

    /// W2: one event per durable commit, each awaited before the next; returns each append's latency.
    public func singleAppends(_ events: [PreparedEvent]) async throws -> [Duration] {
        var latencies: [Duration] = []
        latencies.reserveCapacity(events.count)
        let clock = ContinuousClock()
        for event in events {
            let write = Self.writes([event][0...0])
            let started = clock.now
            try await store.append(write)
            latencies.append(clock.now - started)
        }
        return latencies
    }

    /// W3: concurrent writers, each awaiting its own single-event appends.
    public func concurrentAppends(_ perWriter: [[PreparedEvent]]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for events in perWriter {
                group.addTask {
                    for event in events { try await self.store.append(Self.writes([event][0...0])) }
                }
            }
            try await group.waitForAll()
        }
    }

    /// W4: reads the whole log in order, decodes every event as its typed payload, and folds it; `codable` decodes
    /// through `Codable` alone instead of the payload types' `BinaryPayloadDecodable` initialisers.
    public func replay(customers: Int, codable: Bool = false) throws -> (events: Int, totals: WorkloadTotals) {
        var fold = WorkloadFold(customers: customers)
        var count = 0
        let codec = self.codec
        let path: WorkloadPayloads.DecodePath = codable ? .codable : .binaryPayloadDecodable
        try store.read { snapshot in
            try snapshot.forEach { view in
                try WorkloadPayloads.fold(view, codec: codec, path: path, into: &fold)
                count += 1
                return true
            }
        }
        return (count, fold.totals)
    }

    /// W5: reads each customer's whole stream and decodes every event; returns the events read.
    public func streamReads(_ customers: [Int]) throws -> Int {
        var fold = WorkloadFold(customers: 1)
        var count = 0
        let codec = self.codec
        for customer in customers {
            let stream = try StreamName(PreparedWorkload.streamName(customer))
            try store.read { snapshot in
                try snapshot.forEach(in: stream) { view in
                    try WorkloadPayloads.fold(view, codec: codec, into: &fold)
                    count += 1
                    return true
                }
            }
        }
        return count
    }
}
