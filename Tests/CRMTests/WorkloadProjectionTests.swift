import CRM
import EventSourcing
import Foundation
import Testing

@Suite("Workload projection")
struct WorkloadProjectionTests {
    @Test func theProjectionAndItsPastStatesEqualTheGeneratorsFold() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-wp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var storeConfiguration = EventStoreConfiguration()
        storeConfiguration.durability = .none
        storeConfiguration.projectionBatchSize = 3_000
        let store = try EventStore(path: directory, configuration: storeConfiguration)
        defer { store.close() }
        let configuration = WorkloadConfiguration(events: 20_000)
        try await store.addProjection(WorkloadCustomerProjection(), mode: .async)
        let generated = try await WorkloadLoader.load(configuration, into: store)
        try await store.waitForProjection("workload-customers", toReach: 20_000)
        let projected = try WorkloadCustomerProjection.storedTotals(in: store)
        #expect(projected == generated)
        #expect(projected.events == 20_000)

        // The first 7,000 positions hold exactly the first 7,000 generated events (appends of 1,000), so the state as
        // of position 7,000 is the generator's fold of its first 7,000 events.
        var generator = WorkloadGenerator(configuration: configuration)
        var fold = WorkloadFold(customers: configuration.customers)
        for _ in 0..<7_000 {
            let event = generator.nextDatasetEvent()
            fold.apply(customer: event.customer, type: event.type, amountCents: event.amountCents)
        }
        let past = try await store.state(of: WorkloadCustomerProjection(), asOf: .position(7_000))
        #expect(WorkloadCustomerProjection.totals(past.values.values) == fold.totals)
        #expect(past.values.count == fold.customers.filter { $0.events > 0 }.count)
    }
}
