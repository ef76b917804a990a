import CRM
import Testing

@Suite("Past states and field changes")
struct PastStateTests {
    @Test func aRecordReadsAsItWasAtAPosition() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1", name: "Initech Oy")
        let registered = try fixture.head()
        try await fixture.crm.changeCustomerDetails(customerId: "cus-1", ["name": "Initech Group"], context: fixture.me)
        try await fixture.crm.setCustomerActive(customerId: "cus-1", false, reason: "Closed down", context: fixture.me)

        let then = try await fixture.crm.state(CustomerState.self, id: "cus-1", asOf: .position(registered))
        #expect(then.profile?.name == "Initech Oy" && then.isActive && then.version == 1)
        let now = try await fixture.crm.state(CustomerState.self, id: "cus-1", asOf: .position(try fixture.head()))
        #expect(now == (try await fixture.crm.customer("cus-1")))
        #expect(now.profile?.name == "Initech Group" && !now.isActive)
        let before = try await fixture.crm.state(CustomerState.self, id: "cus-1", asOf: .position(LogPosition(registered.rawValue - 1)))
        #expect(!before.exists)
    }

    @Test func fieldChangesFollowTheStateEventByEvent() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1", name: "Initech Oy")
        try await fixture.crm.changeCustomerDetails(
            customerId: "cus-1", ["name": "Initech Group", "industry": "Software"], context: fixture.me)
        try await fixture.crm.setCustomerActive(customerId: "cus-1", false, reason: "Closed down", context: fixture.me)
        let changes = try await fixture.crm.fieldChanges(in: try StreamName("customer-cus-1"))
        #expect(changes.map(\.event.type) == ["CustomerRegistered", "CustomerDetailsChanged", "CustomerDeactivated"])
        #expect(changes.allSatisfy { $0.basis == .state })
        #expect(changes[1].differences == [
            PayloadDifference(path: "profile.industry", old: nil, new: .string("Software")),
            PayloadDifference(path: "profile.name", old: .string("Initech Oy"), new: .string("Initech Group")),
        ])
        #expect(changes[2].differences == [PayloadDifference(path: "isActive", old: .bool(true), new: .bool(false))])
        // The registration brings the profile field by field.
        let state = try await fixture.crm.customer("cus-1")
        #expect(changes.flatMap(\.differences).contains { $0.path == "profile.customerId" && $0.new == .string(state.id) })
    }
}
