import CRM
import Testing

@Suite("History")
struct HistoryTests {
    @Test func aRecordsHistoryDecodesThroughTheCatalogue() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        try await fixture.opportunity("opp-1", customer: "cus-1")
        let history = try await fixture.crm.history(of: EntityRef(kind: .customer, id: "cus-1"))
        let decoded = try history.map { try EventCatalogue.decode($0) }
        #expect(decoded.compactMap { $0 as? CustomerRegistered }.first?.name == "Initech Oy")
        #expect((decoded.last as? LifecycleStageChanged)?.toStage == "opportunity")
        #expect(history.allSatisfy { $0.actor == "usr-7" })
        #expect(EventCatalogue.eventType(named: "OpportunityWon") == OpportunityWon.self)
        #expect(EventCatalogue.eventType(named: "NoSuchEvent") == nil)
    }
}
