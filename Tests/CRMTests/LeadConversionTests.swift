import CRM
import Testing

@Suite("Leads")
struct LeadConversionTests {
    private func capture(_ fixture: CRMFixture, _ id: String = "led-1") async throws {
        try await fixture.crm.captureLead(
            id: id, name: "Samir Nagheenanajar", company: "Initech Oy", email: "samir@initech.example", source: .form,
            campaignId: "cmp-1", interest: "Payroll integration", ownerId: "usr-9", context: fixture.me)
    }

    private var spec: ConvertedOpportunity {
        get throws {
            ConvertedOpportunity(
                id: "opp-1", name: "Initech payroll", pipelineId: "sales", stageId: "qualification",
                amount: try eur("30000"), expectedCloseDate: date("2026-06-30"))
        }
    }

    @Test func convertingCreatesCustomerContactAndOpportunityInOneAppend() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await capture(fixture)
        try await fixture.crm.qualifyLead("led-1", level: .sql, score: 80, context: fixture.me)
        let conversion = try await fixture.crm.convertLead(
            "led-1", customerId: "cus-1", contactId: "con-1", opportunity: try spec, context: fixture.me)
        let events = conversion.events
        #expect(
            events.map(\.type) == [
                "LeadConverted", "CustomerRegistered", "LifecycleStageChanged", "ContactAdded", "OpportunityOpened",
            ])
        let positions = events.map(\.position.rawValue)
        #expect(positions == Array(positions[0]..<(positions[0] + 5)))
        #expect(Set(events.map(\.correlationID)).count == 1)
        let customer = try await fixture.crm.customer("cus-1")
        #expect(customer.profile?.kind == .organization && customer.profile?.name == "Initech Oy")
        #expect(customer.lifecycleStage == "opportunity" && customer.ownerId == "usr-9")
        let contact = try await fixture.crm.contact("con-1")
        #expect(contact.profile?.emails == ["samir@initech.example"] && contact.customers.keys.sorted() == ["cus-1"])
        let opportunity = try await fixture.crm.opportunity("opp-1")
        #expect(opportunity.opened?.sourceLeadId == "led-1" && opportunity.opened?.primaryCampaignId == "cmp-1")
        #expect(opportunity.opened?.primaryContactId == "con-1")
        let lead = try await fixture.crm.lead("led-1")
        #expect(lead.progress == .converted && lead.conversion?.opportunityId == "opp-1")
    }

    @Test func aConvertedLeadCannotBeConvertedAgain() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await capture(fixture)
        try await fixture.crm.convertLead("led-1", customerId: "cus-1", contactId: "con-1", context: fixture.me)
        let error = try await fixture.rejection {
            try await fixture.crm.convertLead("led-1", customerId: "cus-2", contactId: "con-2", context: fixture.me)
        }
        #expect(error == .invalidTransition(EntityRef(kind: .lead, id: "led-1"), state: "converted already", action: "be worked on any more"))
    }

    @Test func aFailingPartOfTheConversionAppendsNothing() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await capture(fixture)
        try await fixture.customer("cus-taken")
        let taken = try await fixture.rejection {
            try await fixture.crm.convertLead(
                "led-1", customerId: "cus-taken", contactId: "con-1", opportunity: try spec, context: fixture.me)
        }
        #expect(taken == .alreadyExists(EntityRef(kind: .customer, id: "cus-taken")))
        var closed = try spec
        closed.stageId = "won"
        let wonStage = try await fixture.rejection {
            try await fixture.crm.convertLead("led-1", customerId: "cus-1", contactId: "con-1", opportunity: closed, context: fixture.me)
        }
        #expect(wonStage == .stageNotOpen(pipelineId: "sales", stageId: "won", category: .won))
        #expect(try await fixture.crm.customer("cus-1").exists == false)
        #expect(try await fixture.crm.lead("led-1").progress == .open)
    }

    @Test func disqualifiedLeadsMustBeRecycledFirst() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await capture(fixture)
        try await fixture.crm.disqualifyLead("led-1", reasonCode: "no-budget", context: fixture.me)
        let error = try await fixture.rejection {
            try await fixture.crm.convertLead("led-1", customerId: "cus-1", contactId: "con-1", context: fixture.me)
        }
        #expect(error == .invalidTransition(EntityRef(kind: .lead, id: "led-1"), state: "disqualified", action: "go on until it is recycled"))
        let recycleOpen = try await fixture.rejection {
            try await fixture.crm.recycleLead("led-404", reason: "x", context: fixture.me)
        }
        #expect(recycleOpen == .notFound(EntityRef(kind: .lead, id: "led-404")))
        try await fixture.crm.recycleLead("led-1", reason: "New budget year", context: fixture.me)
        #expect(try await fixture.crm.lead("led-1").progress == .nurturing)
        try await fixture.crm.convertLead("led-1", customerId: "cus-1", contactId: "con-1", context: fixture.me)
    }

    @Test func qualificationNeverGoesBackFromSQLToMQL() async throws {
        let fixture = try CRMFixture()
        try await capture(fixture)
        try await fixture.crm.qualifyLead("led-1", level: .mql, context: fixture.me)
        try await fixture.crm.qualifyLead("led-1", level: .sql, context: fixture.me)
        let error = try await fixture.rejection { try await fixture.crm.qualifyLead("led-1", level: .mql, context: fixture.me) }
        #expect(error == .invalidTransition(EntityRef(kind: .lead, id: "led-1"), state: "SQL already", action: "be qualified as MQL"))
        #expect(try await fixture.crm.lead("led-1").qualificationLevel == .sql)
    }

    @Test func leadInputIsValidated() async throws {
        let fixture = try CRMFixture()
        let email = try await fixture.rejection {
            try await fixture.crm.captureLead(id: "led-1", name: "Sam", email: "sam@", source: .form, context: fixture.me)
        }
        #expect(email == .invalidInput(field: "e-mail address", reason: "'sam@' is not an e-mail address like name@example.com"))
        let id = try await fixture.rejection {
            try await fixture.crm.captureLead(id: "led 1", name: "Sam", source: .form, context: fixture.me)
        }
        #expect(id == .invalidInput(field: "lead id", reason: "'led 1' must be 1 to 64 letters, digits, '-', '_', '.' or ':'"))
        let long = try await fixture.rejection {
            try await fixture.crm.captureLead(
                id: "led-1", name: String(repeating: "a", count: 201), source: .form, context: fixture.me)
        }
        #expect(long == .invalidInput(field: "lead name", reason: "it is 201 characters long; the limit is 200"))
    }
}
