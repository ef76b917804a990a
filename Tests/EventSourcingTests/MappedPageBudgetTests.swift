import EventSourcing
import Foundation
import Testing

/// The thread that releases the store's mapped pages during long batches goes away with the store.
@Suite("Mapped pages during long batches")
struct MappedPageBudgetTests {
    @Test func aStoreDroppedWithoutClosingAfterALongRebuildOpensAgain() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-pages-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let history = try ticketHistory(count: 6_000, customers: 20)
        var configuration = EventStoreConfiguration()
        configuration.releasesMappedPages = true
        do {
            let store = try EventStore(path: directory, configuration: configuration)
            let last = try await appendInChunks(history, size: 1_000, to: store)
            // A long batch (6,000 events) starts the budget's thread.
            try await store.addProjection(OpenTickets(), mode: .async)
            try await store.waitForProjection("open-tickets", toReach: last)
            try await store.rebuildProjection("open-tickets")
        }
        // Nothing keeps holding the dropped store's environment: the path opens again in this process (other threads
        // of the dropped store may take a moment to let go of it; a leaked one never does).
        var reopened: EventStore?
        for _ in 0..<200 where reopened == nil {
            reopened = try? EventStore(path: directory, configuration: configuration)
            if reopened == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        let store = try #require(reopened, "the dropped store's environment stayed open")
        defer { store.close() }
        try await store.addProjection(OpenTickets(), mode: .async)
        #expect(try allValues(of: OpenTickets(), in: store) == expectedOpenTickets(history))
    }
}
