import CRM
import Testing

@Suite("Identifiers")
struct IdentifierTests {
    @Test func generatedIdentifiersAreValidAndUnique() async throws {
        let fixture = try CRMFixture()
        let ids = (0..<100).map { _ in EntityKind.opportunity.makeID() }
        #expect(Set(ids).count == 100 && ids.allSatisfy { $0.hasPrefix("opp-") && $0.count <= 64 })
        let id = EntityKind.customer.makeID()
        try await fixture.crm.registerCustomer(id: id, kind: .person, name: "Ada", source: .phone, context: fixture.me)
        #expect(try await fixture.crm.customer(id).exists)
    }
}
