import CRM
import EventSourcing
import Foundation
import Testing

@Suite("Pipeline view")
struct PipelineViewTests {
    static let now = "2026-02-09T00:00:00Z"

    /// Five deals and three leads; every figure below is worked out by hand from these times and amounts.
    static func history(_ s: ViewStore) async throws {
        try await s.append(LeadCaptured(leadId: "lead-1", name: "A", source: .website), to: "lead-lead-1", at: "2025-12-15T10:00:00Z")
        try await s.append(LeadQualified(leadId: "lead-1", level: .sql), to: "lead-lead-1", at: "2025-12-16T10:00:00Z")
        // 23:30 UTC on New Year's Eve is already 2026-01-01 in Helsinki.
        try await s.append(LeadCaptured(leadId: "lead-2", name: "B", source: .referral), to: "lead-lead-2", at: "2025-12-31T23:30:00Z")
        try await s.append(LeadCaptured(leadId: "lead-3", name: "C", source: .website), to: "lead-lead-3", at: "2025-12-20T10:00:00Z")
        try await s.append(
            Make.opportunity("opp-a", customer: "cus-1", amount: money("1000"), owner: "ada", lead: "lead-1"),
            to: "opportunity-opp-a", at: "2026-01-01T00:00:00Z")
        try await s.append(LeadConverted(leadId: "lead-1", customerId: "cus-1", contactId: "con-1", opportunityId: "opp-a"),
            to: "lead-lead-1", at: "2026-01-01T00:00:00Z")
        try await s.append(
            Make.opportunity("opp-b", customer: "cus-2", amount: money("2000"), owner: "bob", source: .referral, lead: "lead-2"),
            to: "opportunity-opp-b", at: "2026-01-02T00:00:00Z")
        try await s.append(LeadConverted(leadId: "lead-2", customerId: "cus-2", contactId: "con-2", opportunityId: "opp-b"),
            to: "lead-lead-2", at: "2026-01-02T00:00:00Z")
        try await s.append(
            Make.opportunity("opp-c", customer: "cus-1", amount: money("500"), close: "2026-04-15", owner: "ada", campaign: "cmp-1"),
            to: "opportunity-opp-c", at: "2026-01-03T00:00:00Z")
        try await s.append(
            Make.opportunity("opp-d", customer: "cus-3", amount: money("300", "USD"), close: "2026-03-20", owner: "bob"),
            to: "opportunity-opp-d", at: "2026-01-03T00:00:00Z")
        try await s.append(Make.move("opp-b", from: "qualification", to: Stages.negotiation), to: "opportunity-opp-b", at: "2026-01-04T00:00:00Z")
        try await s.append(Make.move("opp-a", from: "qualification", to: Stages.proposal), to: "opportunity-opp-a", at: "2026-01-05T00:00:00Z")
        try await s.append(
            Make.opportunity("opp-e", customer: "cus-4", amount: money("1000.01"), owner: "bob"),
            to: "opportunity-opp-e", at: "2026-01-05T00:00:00Z")
        try await s.append(
            OpportunityProbabilityOverridden(opportunityId: "opp-d", oldProbability: 10, newProbability: 25, reason: "Budget"),
            to: "opportunity-opp-d", at: "2026-01-06T00:00:00Z")
        try await s.append(
            OpportunityForecastCategoryOverridden(opportunityId: "opp-d", oldCategory: .pipeline, newCategory: .commit),
            to: "opportunity-opp-d", at: "2026-01-06T00:00:00Z")
        try await s.append(Make.move("opp-a", from: "proposal", to: Stages.needsAnalysis, backward: true),
            to: "opportunity-opp-a", at: "2026-01-08T00:00:00Z")
        try await s.append(Make.move("opp-a", from: "needs-analysis", to: Stages.proposal), to: "opportunity-opp-a", at: "2026-01-10T00:00:00Z")
        try await s.append(Make.lost("opp-c", reason: "price", close: "2026-01-15", from: "qualification"),
            to: "opportunity-opp-c", at: "2026-01-15T00:00:00Z")
        try await s.append(Make.won("opp-b", amount: money("2100"), close: "2026-01-20", from: "negotiation"),
            to: "opportunity-opp-b", at: "2026-01-20T00:00:00Z")
        try await s.append(Make.won("opp-e", amount: money("1000.01"), close: "2026-01-25", from: "qualification"),
            to: "opportunity-opp-e", at: "2026-01-25T00:00:00Z")
    }

    static let day: Int64 = 86_400

    @Test func openDealsPerStageWithWeightedAmountsAgesAndStalledDeals() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let pipeline = try await s.views.pipeline()
        let stages = pipeline.openByStage(at: moment(Self.now), stalledAfterDays: 30)
        #expect(stages.map(\.stageId) == ["qualification", "proposal"])
        // opp-d: USD 300.00 at 25 % (overridden) = USD 75.00, in qualification since 01-03: 37 days, stalled.
        #expect(stages[0].count == 1 && stages[0].amount == [money("300", "USD")])
        #expect(stages[0].weighted == [money("75", "USD")])
        #expect(stages[0].averageAgeInStageSeconds == 37 * Self.day && stages[0].stalledIds == ["opp-d"])
        // opp-a: EUR 1,000.00 at 60 % = EUR 600.00, back in proposal since 01-10: exactly 30 days, not stalled.
        #expect(stages[1].count == 1 && stages[1].amount == [money("1000")] && stages[1].weighted == [money("600")])
        #expect(stages[1].averageAgeInStageSeconds == 30 * Self.day && stages[1].stalledIds.isEmpty)
    }

    @Test func stageHistoryTimeInStageAndBackwardMoves() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let deal = try #require(try await s.views.pipeline().deal("opp-a"))
        #expect(deal.history == [
            StageVisit(stageId: "qualification", enteredAt: moment("2026-01-01T00:00:00Z"), leftAt: moment("2026-01-05T00:00:00Z")),
            StageVisit(stageId: "proposal", enteredAt: moment("2026-01-05T00:00:00Z"), leftAt: moment("2026-01-08T00:00:00Z")),
            StageVisit(stageId: "needs-analysis", enteredAt: moment("2026-01-08T00:00:00Z"), leftAt: moment("2026-01-10T00:00:00Z")),
            StageVisit(stageId: "proposal", enteredAt: moment("2026-01-10T00:00:00Z")),
        ])
        let now = moment(Self.now)
        #expect(deal.cumulativeSeconds(in: "proposal", at: now) == 33 * Self.day)  // 3 days, then 30
        #expect(deal.latestSeconds(in: "proposal", at: now) == 30 * Self.day)
        #expect(deal.cumulativeSeconds(in: "qualification", at: now) == 4 * Self.day)
        #expect(deal.latestSeconds(in: "negotiation", at: now) == nil)
        #expect(deal.backwardMoves == [BackwardMove(fromStageId: "proposal", toStageId: "needs-analysis", at: moment("2026-01-08T00:00:00Z"))])
    }

    @Test func forecastWinRatesWonSizeCyclesFunnelAndOwners() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let pipeline = try await s.views.pipeline()

        let forecast = pipeline.forecast()
        #expect(forecast.map(\.key) == [
            ForecastLine.Key(closeMonth: "2026-03", ownerId: "ada", category: .bestCase),
            ForecastLine.Key(closeMonth: "2026-03", ownerId: "bob", category: .commit),
        ])
        #expect(forecast[0].weighted == [money("600")] && forecast[1].weighted == [money("75", "USD")])

        let all = try #require(pipeline.winRates(by: .all).first)
        #expect(all.won == 2 && all.lost == 1 && all.winRate == 2.0 / 3.0)
        #expect(all.wonTotal == [money("3100.01")])
        #expect(all.averageWonSize == [money("1550.01")])  // 310,001 cents / 2 = 155,000.5, rounded up
        #expect(all.lostReasons == ["price": 1])
        let owners = pipeline.winRates(by: .owner)
        #expect(owners.map(\.group) == ["ada", "bob"] && owners.map(\.winRate) == [0, 1])
        #expect(pipeline.winRates(by: .campaign).map { [$0.group: $0.lost] } == [["": 0], ["cmp-1": 1]])
        #expect(pipeline.winRates(by: .closeMonth).map(\.group) == ["2026-01"])
        #expect(pipeline.winRates(by: .source).map { "\($0.group):\($0.won)/\($0.lost)" } == ["referral:1/0", "website:1/1"])

        // Opening to win: opp-b 18 days, opp-e 20 days. Lead to win: only opp-b has a lead, 19 days and 30 minutes.
        #expect(pipeline.averageCycleDays(from: .opportunity) == 19)
        #expect(pipeline.averageCycleDays(from: .lead) == Double(19 * 86_400 + 1_800) / 86_400)

        let helsinki = try #require(TimeZone(identifier: "Europe/Helsinki"))
        let funnel = pipeline.funnel(in: helsinki)
        #expect(funnel.map { "\($0.source.rawValue) \($0.cohortMonth) \($0.leads)/\($0.qualified)/\($0.opportunities)/\($0.won)" } == [
            "referral 2026-01 1/1/1/1", "website 2025-12 2/1/1/0",
        ])
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(pipeline.funnel(in: utc).map(\.cohortMonth) == ["2025-12", "2025-12"])

        let performance = pipeline.ownerPerformance()
        #expect(performance.map(\.ownerId) == ["ada", "bob"])
        #expect(performance[0].open == 1 && performance[0].weighted == [money("600")] && performance[0].lost == 1)
        #expect(performance[1].open == 1 && performance[1].won == 2 && performance[1].wonTotal == [money("3100.01")])
        #expect(performance[1].openAmount == [money("300", "USD")] && performance[1].winRate == 1)
    }

    @Test func asOfAPastPositionEqualsAReplayCutThere() async throws {
        let s = try ViewStore()
        try await s.views.addAll()
        try await Self.history(s)
        let events = try await s.events()
        for cut in [3, 8, 13, 16, 18, events.count] {
            let past = try await s.views.pipeline(asOf: .position(LogPosition(UInt64(cut))))
            try await replayCut(events, first: cut) { views in
                let replayed = try await views.pipeline()
                #expect(replayed == past, "cut after \(cut) events")
            }
        }
        let early = try await s.views.pipeline(asOf: .position(LogPosition(8)))
        #expect(early.deals.map(\.id) == ["opp-a", "opp-b"] && early.leads.count == 3)
    }
}
