import CRM
import Testing

@Suite("Foreign events")
struct ForeignEventTests {
    @Test func aStoreWithTheBenchmarkWorkloadStillOpens() async throws {
        let fixture = try CRMFixture()
        var generator = WorkloadGenerator(configuration: WorkloadConfiguration(events: 2_000))
        for _ in 0..<50 {
            let event = generator.nextDatasetEvent()
            try await fixture.crm.store.append([try event.newEvent()], to: try StreamName(event.streamName))
        }
        let crm = try CRMStore(store: fixture.crm.store)
        #expect(await crm.duplicateIndex.unreadableEvents > 0)
        #expect(await crm.duplicateIndex.count == 0)
        let registered = try await crm.registerCustomer(
            id: "cus-1", kind: .person, name: "Ada", source: .phone, context: fixture.me)
        #expect(registered.events.count == 1)
    }
}
