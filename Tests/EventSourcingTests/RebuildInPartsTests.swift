import EventSourcing
import Foundation
import Testing

/// A rebuild whose batch changed more records than ``EventStoreConfiguration/projectionRebuildCommitRecords`` writes
/// them in several commits: it ends exactly where a rebuild committing each batch whole ends, on one thread or in
/// lanes, and the store reopens with the same state.
@Suite("Rebuilds written in parts")
struct RebuildInPartsTests {
    @Test(arguments: [1, 2])
    func aRebuildWrittenInManyCommitsEndsWhereOneCommitPerBatchWould(threads: Int) async throws {
        let history = try ticketHistory(count: 6_000, customers: 40)
        let names = ["open-tickets", "weighted-count"]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-parts-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = EventStoreConfiguration()
        configuration.projectionThreads = threads
        configuration.projectionBatchSize = 5_000
        configuration.projectionRebuildBatchSize = 5_000
        // Batches of 5,000 events (in lanes with 2 threads) and 1,000; 40 customers' records each, written 3 at a time.
        configuration.projectionRebuildCommitRecords = 3
        let last: LogPosition
        do {
            let store = try EventStore(path: directory, configuration: configuration)
            defer { store.close() }
            last = try await appendInChunks(history, size: 1_000, to: store)
            try await store.addProjection(OpenTickets(), mode: .async)
            try await store.addProjection(WeightedCount(), mode: .async)
            for name in names { try await store.waitForProjection(name, toReach: last) }
            try await store.rebuildProjections(names)
            for name in names { #expect(try store.projectionStatus(name).position == last) }
        }
        let open = expectedOpenTickets(history)
        let opened = history.filter { $0.1.type == TicketOpened.eventType }.count
        #expect(!open.isEmpty)

        let store = try EventStore(path: directory, configuration: configuration)
        defer { store.close() }
        try await store.addProjection(OpenTickets(), mode: .async)
        try await store.addProjection(WeightedCount(), mode: .async)
        #expect(try allValues(of: OpenTickets(), in: store) == open)
        #expect(try store.state(of: WeightedCount()) == ["TicketOpened": opened, "TicketClosed": 6_000 - opened])
        let status = try store.projectionStatus("open-tickets")
        #expect(status.position == last)
        #expect(status.rebuild == nil)
    }
}
