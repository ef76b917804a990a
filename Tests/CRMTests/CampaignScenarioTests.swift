import CRM
import Testing

@Suite("Campaigns")
struct CampaignScenarioTests {
    @Test func planLaunchMembersMessagesResponsesCostsAndCompletion() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        try await fixture.crm.addContact(
            id: "con-1", customerId: "cus-1", name: "Peter Gibbons", emails: ["peter@initech.example"], context: fixture.me)
        try await fixture.crm.captureLead(id: "led-1", name: "Samir", email: "samir@initrode.example", source: .form, context: fixture.me)
        try await fixture.crm.planCampaign(
            id: "cmp-1", name: "Spring payroll webinar", type: .webinar, objective: "20 opportunities",
            startDate: date("2026-03-01"), endDate: date("2026-03-31"), budgetedCost: try eur("5000"),
            expectedRevenue: try eur("100000"), expectedResponseRate: 10, context: fixture.me)
        let contact = EntityRef(kind: .contact, id: "con-1")
        let lead = EntityRef(kind: .lead, id: "led-1")
        try await fixture.crm.addCampaignMember("cmp-1", member: contact, context: fixture.me)
        try await fixture.crm.addCampaignMember("cmp-1", member: lead, context: fixture.me)
        try await fixture.crm.moveCampaign("cmp-1", to: .launched, context: fixture.me)
        let at = moment("2026-03-02T09:00:00Z")
        for member in [contact, lead] {
            try await fixture.crm.recordCampaignMessageEvent("cmp-1", member: member, action: .sent, at: at, context: fixture.me)
            try await fixture.crm.recordCampaignMessageEvent("cmp-1", member: member, action: .opened, at: at, context: fixture.me)
        }
        try await fixture.crm.recordCampaignMessageEvent(
            "cmp-1", member: contact, action: .clicked, url: "https://rapport.example/webinar", at: at, context: fixture.me)
        let optOut = try await fixture.crm.recordCampaignMessageEvent(
            "cmp-1", member: lead, action: .optedOut, at: at, context: fixture.me)
        #expect(optOut.map(\.type) == ["CampaignMessageEventRecorded", "CommunicationPreferenceChanged"])
        #expect(try await fixture.crm.lead("led-1").traits.consent(.email, purpose: "marketing") == false)
        let response = try await fixture.crm.recordCampaignResponse("cmp-1", member: contact, status: "responded", context: fixture.me)
        #expect(try response[0].decode(CampaignResponseRecorded.self).responded)
        try await fixture.crm.recordCampaignCost("cmp-1", amount: try eur("1200"), category: "ads", incurredOn: date("2026-03-05"), context: fixture.me)
        try await fixture.crm.recordCampaignCost("cmp-1", amount: try eur("800.50"), category: "speaker", incurredOn: date("2026-03-10"), context: fixture.me)
        try await fixture.crm.moveCampaign("cmp-1", to: .completed, context: fixture.me)

        let campaign = try await fixture.crm.campaign("cmp-1")
        #expect(campaign.status == .completed && campaign.members.count == 2)
        #expect(campaign.responders == [contact])
        #expect(campaign.actualCost == (try eur("2000.50")))
        #expect(campaign.messageCounts == [.sent: 2, .opened: 2, .clicked: 1, .optedOut: 1])
    }

    @Test func campaignRules() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        let backwards = try await fixture.rejection {
            try await fixture.crm.planCampaign(
                id: "cmp-1", name: "X", type: .email, objective: "Y", startDate: date("2026-03-31"),
                endDate: date("2026-03-01"), budgetedCost: try eur("1"), context: fixture.me)
        }
        #expect(backwards == .invalidInput(field: "end date", reason: "the campaign ends (2026-03-01) before it starts (2026-03-31)"))
        try await fixture.crm.planCampaign(
            id: "cmp-1", name: "X", type: .email, objective: "Y", startDate: date("2026-03-01"),
            endDate: date("2026-03-31"), budgetedCost: try eur("1000"), context: fixture.me)
        let ref = EntityRef(kind: .campaign, id: "cmp-1")
        let complete = try await fixture.rejection { try await fixture.crm.moveCampaign("cmp-1", to: .completed, context: fixture.me) }
        #expect(complete == .invalidTransition(ref, state: "planned", action: "become completed"))
        let cancel = try await fixture.rejection { try await fixture.crm.moveCampaign("cmp-1", to: .cancelled, context: fixture.me) }
        #expect(cancel == .invalidInput(field: "reason", reason: "say why the campaign is cancelled"))
        let currency = try await fixture.rejection {
            try await fixture.crm.recordCampaignCost(
                "cmp-1", amount: Money(minorUnits: 100, currency: "USD"), category: "ads", incurredOn: date("2026-03-02"),
                context: fixture.me)
        }
        #expect(currency == .currencyMismatch(expected: "EUR", found: "USD"))
        let zero = try await fixture.rejection {
            try await fixture.crm.recordCampaignCost("cmp-1", amount: try eur("0"), category: "ads", incurredOn: date("2026-03-02"), context: fixture.me)
        }
        #expect(zero == .invalidInput(field: "cost", reason: "a cost must be more than zero"))
        let customer = EntityRef(kind: .customer, id: "cus-1")
        let notMember = try await fixture.rejection {
            try await fixture.crm.recordCampaignResponse("cmp-1", member: customer, status: "responded", context: fixture.me)
        }
        #expect(notMember == .invalidInput(field: "member", reason: "customer cus-1 is not a member of campaign cmp-1"))
        try await fixture.crm.addCampaignMember("cmp-1", member: customer, context: fixture.me)
        let twice = try await fixture.rejection { try await fixture.crm.addCampaignMember("cmp-1", member: customer, context: fixture.me) }
        #expect(twice == .invalidInput(field: "member", reason: "customer cus-1 is already a member of campaign cmp-1"))
        let status = try await fixture.rejection {
            try await fixture.crm.recordCampaignResponse("cmp-1", member: customer, status: "bought", context: fixture.me)
        }
        #expect(status == .invalidInput(field: "member status", reason: "'bought' is not a status of campaign cmp-1: sent, responded"))
        try await fixture.crm.moveCampaign("cmp-1", to: .cancelled, reason: "Budget cut", context: fixture.me)
        let late = try await fixture.rejection {
            try await fixture.crm.addCampaignMember("cmp-1", member: EntityRef(kind: .customer, id: "cus-1"), context: fixture.me)
        }
        #expect(late == .invalidTransition(ref, state: "cancelled", action: "take new members"))
    }
}
