import CRM
import EventSourcing
import Testing

@Suite("Campaigns view")
struct CampaignViewTests {
    static let l1 = EntityRef(kind: .lead, id: "l1")
    static let l2 = EntityRef(kind: .lead, id: "l2")
    static let k1 = EntityRef(kind: .contact, id: "k1")
    static let k2 = EntityRef(kind: .contact, id: "k2")

    static func planned(_ id: String, budget: Money) -> CampaignPlanned {
        CampaignPlanned(
            campaignId: id, name: "Campaign \(id)", type: .email, objective: "Leads", startDate: date("2026-01-01"),
            endDate: date("2026-03-31"), budgetedCost: budget,
            memberStatuses: [
                MemberStatus(status: "sent", countsAsResponse: false, isDefault: true),
                MemberStatus(status: "responded", countsAsResponse: true, isDefault: false),
            ])
    }

    static func message(_ member: EntityRef, _ action: CampaignMessageAction, at: String) -> CampaignMessageEventRecorded {
        CampaignMessageEventRecorded(campaignId: "cmp-a", member: member, action: action, at: moment(at))
    }

    /// Two campaigns, three leads, two won deals; every figure below is worked out by hand.
    static func history(_ s: ViewStore) async throws {
        try await s.append(planned("cmp-a", budget: money("1000")), to: "campaign-cmp-a", at: "2026-01-01T00:00:00Z")
        try await s.append(planned("cmp-b", budget: money("500")), to: "campaign-cmp-b", at: "2026-01-01T00:00:00Z")
        for (id, amount) in [("cmp-a", "300"), ("cmp-a", "200"), ("cmp-b", "100")] {
            try await s.append(CampaignCostRecorded(campaignId: id, amount: try eur(amount), category: "ads", incurredOn: date("2026-01-02")),
                to: "campaign-\(id)", at: "2026-01-02T00:00:00Z")
        }
        try await s.append(LeadCaptured(leadId: "l1", name: "L1", source: .campaign, campaignId: "cmp-b"), to: "lead-l1", at: "2026-01-03T00:00:00Z")
        try await s.append(LeadCaptured(leadId: "l2", name: "L2", source: .website), to: "lead-l2", at: "2026-01-03T00:00:00Z")
        try await s.append(LeadCaptured(leadId: "l3", name: "L3", source: .website), to: "lead-l3", at: "2026-01-03T00:00:00Z")
        for member in [l1, l2, k1, k2] {
            try await s.append(CampaignMemberAdded(campaignId: "cmp-a", member: member, status: "sent"), to: "campaign-cmp-a", at: "2026-01-04T00:00:00Z")
        }
        try await s.append(CampaignMemberRemoved(campaignId: "cmp-a", member: k2), to: "campaign-cmp-a", at: "2026-01-04T01:00:00Z")
        for (member, action) in [(l1, CampaignMessageAction.sent), (l2, .sent), (k1, .sent), (l1, .sent), (l1, .opened), (k1, .opened),
            (k1, .clicked), (l2, .hardBounced), (l2, .optedOut)]
        {
            try await s.append(message(member, action, at: "2026-01-05T00:00:00Z"), to: "campaign-cmp-a", at: "2026-01-05T00:00:00Z")
        }
        try await s.append(CampaignResponseRecorded(campaignId: "cmp-a", member: l1, status: "responded", responded: true),
            to: "campaign-cmp-a", at: "2026-01-06T00:00:00Z")
        try await s.append(LeadConverted(leadId: "l1", customerId: "cus-1", contactId: "k1", opportunityId: "opp-1"), to: "lead-l1", at: "2026-01-07T00:00:00Z")
        try await s.append(Make.opportunity("opp-1", customer: "cus-1", amount: money("1000.01")), to: "opportunity-opp-1", at: "2026-01-07T00:00:00Z")
        try await s.append(Make.opportunity("opp-2", customer: "cus-2", amount: money("200"), campaign: "cmp-b"), to: "opportunity-opp-2", at: "2026-01-07T00:00:00Z")
        try await s.append(Make.won("opp-1", amount: money("1000.01"), close: "2026-01-08", from: "qualification"), to: "opportunity-opp-1", at: "2026-01-08T00:00:00Z")
        try await s.append(Make.won("opp-2", amount: money("200"), close: "2026-01-08", from: "qualification"), to: "opportunity-opp-2", at: "2026-01-08T00:00:00Z")
        // After the win: not a touch of it.
        try await s.append(message(k1, .clicked, at: "2026-01-09T00:00:00Z"), to: "campaign-cmp-a", at: "2026-01-09T00:00:00Z")
    }

    @Test func membersRatesAndResponses() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let a = try #require(try await s.views.campaigns().campaign("cmp-a"))
        #expect(a.members == 3 && a.count(.sent) == 3 && a.count(.opened) == 2 && a.count(.clicked) == 1)
        #expect(a.bounced == 1 && a.count(.optedOut) == 1 && a.responses == 1)
        #expect(a.openRate == 2.0 / 3.0 && a.clickRate == 1.0 / 3.0 && a.bounceRate == 1.0 / 3.0 && a.optOutRate == 1.0 / 3.0)
        #expect(a.responseRate == 1.0 / 3.0)
        #expect(a.cost == [money("500")] && a.budget == money("1000"))
    }

    @Test func attributionFirstLastEvenAndROIWithCostOnce() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let view = try await s.views.campaigns()
        #expect(view.attributedLeads(.firstTouch) == ["cmp-b": 1, "cmp-a": 1])
        #expect(view.attributedLeads(.lastTouch) == ["cmp-a": 2])
        #expect(view.attributedLeads(.evenSplit) == ["cmp-a": 1.5, "cmp-b": 0.5])
        // opp-1 (cus-1 via lead l1 and contact k1): first cmp-b, last cmp-a, even 500.01 / 500.00; opp-2: cmp-b.
        #expect(view.attributedRevenue(.firstTouch) == ["cmp-b": [money("1200.01")]])
        #expect(view.attributedRevenue(.lastTouch) == ["cmp-a": [money("1000.01")], "cmp-b": [money("200")]])
        #expect(view.attributedRevenue(.evenSplit) == ["cmp-a": [money("500")], "cmp-b": [money("700.01")]])
        #expect(view.roi("cmp-a", model: .lastTouch) == ["EUR": Double(100_001 - 50_000) / 50_000])
        #expect(view.roi("cmp-a", model: .firstTouch) == ["EUR": -1])
        #expect(view.roi("cmp-b", model: .firstTouch) == ["EUR": Double(120_001 - 10_000) / 10_000])
        #expect(view.costAgainstBudget("cmp-a") == money("-500"))
    }

    @Test func asOfAPastPositionEqualsAReplayCutThere() async throws {
        let s = try ViewStore()
        try await s.views.addAll()
        try await Self.history(s)
        let events = try await s.events()
        for cut in [3, 9, 15, 22, 27, events.count] {
            let past = try await s.views.campaigns(asOf: .position(LogPosition(UInt64(cut))))
            try await replayCut(events, first: cut) { views in
                let replayed = try await views.campaigns()
                #expect(replayed == past, "cut after \(cut) events")
            }
        }
    }
}
