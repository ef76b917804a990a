import CRM
import Testing

@Suite("Listing records")
struct RecordListingTests {
    @Test func recordsOfAKindAreListed() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-2")
        try await fixture.customer("cus-1")
        let contact = try await fixture.crm.addContact(
            id: "con-1", customerId: "cus-1", name: "Initech", emails: ["info@initech.example"], context: fixture.me)
        #expect(contact.possibleDuplicates.map(\.recordId) == ["cus-1", "cus-2"])
        #expect(try await fixture.crm.recordIDs(of: .customer) == ["cus-1", "cus-2"])
        #expect(try await fixture.crm.recordIDs(of: .contact) == ["con-1"])
        #expect(try await fixture.crm.recordIDs(of: .ticket).isEmpty)
    }
}
