import CRM
import Testing

@Suite("Access control")
struct AccessControlTests {
    private func fixture() throws -> CRMFixture {
        var options = CRMOptions()
        options.accessControl = .registeredUsers
        return try CRMFixture(options: options)
    }

    @Test func theFirstUserBootstrapsAndRolesDecide() async throws {
        let fixture = try fixture()
        let admin = CommandContext(actor: "usr-1")
        let stranger = try await fixture.rejection {
            try await fixture.crm.registerCustomer(id: "cus-1", kind: .person, name: "Ada", source: .phone, context: admin)
        }
        #expect(stranger == .notAuthorized(actor: "usr-1", command: "registerCustomer", reason: "usr-1 is not a registered user"))
        try await fixture.crm.registerUser(
            id: "usr-1", name: "Admin", email: "admin@rapport.example", roles: [.administrator], context: admin)
        try await fixture.crm.registerUser(
            id: "usr-7", name: "Joanna", email: "joanna@rapport.example", roles: [.salesRepresentative], context: admin)
        try await fixture.crm.registerUser(
            id: "usr-8", name: "Mark", email: "mark@rapport.example", roles: [.marketer], context: admin)
        try await fixture.crm.registerUser(
            id: "usr-9", name: "Audrey", email: "audrey@rapport.example", roles: [.auditor], context: admin)
        let rep = CommandContext(actor: "usr-7"), marketer = CommandContext(actor: "usr-8"), auditor = CommandContext(actor: "usr-9")

        let selfService = try await fixture.rejection {
            try await fixture.crm.registerUser(
                id: "usr-10", name: "Eve", email: "eve@rapport.example", roles: [.administrator], context: rep)
        }
        #expect(selfService == .notAuthorized(actor: "usr-7", command: "registerUser", reason: "it needs one of the roles administrator"))
        try await fixture.crm.definePipeline(id: "sales", name: "Sales", stages: CRMStore.standardStages, context: admin)
        let pipeline = try await fixture.rejection {
            try await fixture.crm.definePipeline(id: "other", name: "Other", stages: CRMStore.standardStages, context: rep)
        }
        #expect(pipeline == .notAuthorized(actor: "usr-7", command: "definePipeline", reason: "it needs one of the roles administrator"))
        // A representative (scope own) registers customers they own, and no others.
        let unowned = try await fixture.rejection {
            try await fixture.crm.registerCustomer(id: "cus-1", kind: .person, name: "Ada", source: .phone, context: rep)
        }
        #expect(unowned == .notAuthorized(
            actor: "usr-7", command: "registerCustomer", reason: "customer cus-1 is outside usr-7's scope (it has no owner)"))
        try await fixture.crm.registerCustomer(id: "cus-1", kind: .person, name: "Ada", source: .phone, ownerId: "usr-7", context: rep)
        try await fixture.crm.planCampaign(
            id: "cmp-1", name: "Mailing", type: .email, objective: "Reach", startDate: date("2026-01-01"),
            endDate: date("2026-01-31"), budgetedCost: try eur("100"), context: marketer)
        let deal = try await fixture.rejection {
            try await fixture.crm.openOpportunity(
                id: "opp-1", customerId: "cus-1", name: "Deal", pipelineId: "sales", stageId: "qualification",
                amount: try eur("1"), expectedCloseDate: date("2026-06-30"), context: marketer)
        }
        #expect(deal == .notAuthorized(actor: "usr-8", command: "openOpportunity", reason: "it needs one of the roles administrator, salesManager, salesRepresentative"))
        try await fixture.crm.recordSession("usr-9", signedIn: true, client: "web", context: auditor)
        let tag = try await fixture.rejection {
            try await fixture.crm.tag(EntityRef(kind: .customer, id: "cus-1"), "vip", context: auditor)
        }
        #expect(tag != nil)
        try await fixture.crm.deactivateUser("usr-7", reason: "Left", context: admin)
        let gone = try await fixture.rejection {
            try await fixture.crm.tag(EntityRef(kind: .customer, id: "cus-1"), "vip", context: rep)
        }
        #expect(gone == .notAuthorized(actor: "usr-7", command: "applyTag", reason: "usr-7 was deactivated"))
    }
}
