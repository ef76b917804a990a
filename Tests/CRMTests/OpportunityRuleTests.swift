import CRM
import Testing

@Suite("Opportunity rules")
struct OpportunityRuleTests {
    @Test func openingCarriesTheStageSnapshotAndPipelineVersion() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        let events = try await fixture.opportunity("opp-1", customer: "cus-1")
        let opened = try events[0].decode(OpportunityOpened.self)
        #expect(opened.pipelineVersion == 1)
        #expect(
            opened.stage
                == StageSnapshot(
                    stageId: "qualification", name: "Qualification", order: 1, probability: 10, category: .open,
                    forecastCategory: .pipeline))
        #expect(events[0].actor == "usr-7")
        #expect(events[0].metadata["command"] == "openOpportunity")
    }

    @Test func advancingRecordsTheSnapshotAndDirection() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        try await fixture.opportunity("opp-1", customer: "cus-1")
        let forward = try await fixture.crm.advanceOpportunity("opp-1", to: "proposal", context: fixture.me)
        let changed = try forward[0].decode(OpportunityStageChanged.self)
        #expect(changed.fromStageId == "qualification" && changed.direction == .forward)
        #expect(changed.stage.probability == 60 && changed.stage.forecastCategory == .bestCase)
        let back = try await fixture.crm.advanceOpportunity("opp-1", to: "needs-analysis", context: fixture.me)
        #expect(try back[0].decode(OpportunityStageChanged.self).direction == .backward)
        let state = try await fixture.crm.opportunity("opp-1")
        #expect(state.stageHistory == ["qualification", "proposal", "needs-analysis"])
        #expect(state.probability == 30 && state.version == 3)
    }

    @Test func snapshotsDoNotChangeWhenThePipelineIsRevised() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        try await fixture.opportunity("opp-1", customer: "cus-1")
        try await fixture.crm.advanceOpportunity("opp-1", to: "proposal", context: fixture.me)
        var revised = CRMStore.standardStages
        revised[2].defaultProbability = 50
        let revision = try await fixture.crm.definePipeline(id: "sales", name: "Sales", stages: revised, context: fixture.me)
        #expect(revision[0].type == PipelineRevised.eventType)
        #expect(try await fixture.crm.pipeline("sales").definitionVersion == 2)
        #expect(try await fixture.crm.opportunity("opp-1").probability == 60)
        try await fixture.crm.advanceOpportunity("opp-1", to: "negotiation", context: fixture.me)
        try await fixture.crm.advanceOpportunity("opp-1", to: "proposal", context: fixture.me)
        let state = try await fixture.crm.opportunity("opp-1")
        #expect(state.probability == 50 && state.pipelineVersion == 2)
    }

    @Test func unknownStagesAndClosedStagesAreRejected() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        try await fixture.opportunity("opp-1", customer: "cus-1")
        let unknown = try await fixture.rejection {
            try await fixture.crm.advanceOpportunity("opp-1", to: "demo", context: fixture.me)
        }
        #expect(unknown == .unknownStage(pipelineId: "sales", stageId: "demo"))
        let won = try await fixture.rejection {
            try await fixture.crm.advanceOpportunity("opp-1", to: "won", context: fixture.me)
        }
        #expect(won == .stageNotOpen(pipelineId: "sales", stageId: "won", category: .won))
        let same = try await fixture.rejection {
            try await fixture.crm.advanceOpportunity("opp-1", to: "qualification", context: fixture.me)
        }
        #expect(same == .alreadyInStage(opportunityId: "opp-1", stageId: "qualification"))
        let openedWon = try await fixture.rejection { try await fixture.opportunity("opp-2", customer: "cus-1", stage: "won") }
        #expect(openedWon == .stageNotOpen(pipelineId: "sales", stageId: "won", category: .won))
        let noPipeline = try await fixture.rejection {
            try await fixture.crm.openOpportunity(
                id: "opp-3", customerId: "cus-1", name: "X", pipelineId: "renewals", stageId: "qualification",
                amount: try eur("1"), expectedCloseDate: date("2026-01-01"), context: fixture.me)
        }
        #expect(noPipeline == .notConfigured("Pipeline renewals"))
        let noCustomer = try await fixture.rejection { try await fixture.opportunity("opp-4", customer: "cus-404") }
        #expect(noCustomer == .notFound(EntityRef(kind: .customer, id: "cus-404")))
        let duplicate = try await fixture.rejection { try await fixture.opportunity("opp-1", customer: "cus-1") }
        #expect(duplicate == .alreadyExists(EntityRef(kind: .opportunity, id: "opp-1")))
    }

    @Test func aClosedOpportunityCannotChangeStageUntilReopened() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        try await fixture.opportunity("opp-12", customer: "cus-1")
        try await fixture.crm.winOpportunity("opp-12", closeDate: date("2026-03-20"), context: fixture.me)
        let error = try await fixture.rejection {
            try await fixture.crm.advanceOpportunity("opp-12", to: "proposal", context: fixture.me)
        }
        #expect(error == .opportunityClosed(opportunityId: "opp-12", outcome: .won))
        #expect(error?.description == "Opportunity opp-12 is closed (won); reopen it before changing it")
        let again = try await fixture.rejection { try await fixture.crm.winOpportunity("opp-12", context: fixture.me) }
        #expect(again == .opportunityClosed(opportunityId: "opp-12", outcome: .won))
        let amount = try await fixture.rejection {
            try await fixture.crm.changeOpportunityAmount("opp-12", to: try eur("1"), context: fixture.me)
        }
        #expect(amount == .opportunityClosed(opportunityId: "opp-12", outcome: .won))

        let reopened = try await fixture.crm.reopenOpportunity(
            "opp-12", to: "negotiation", reason: "Scope grew", context: fixture.me)
        #expect(try reopened[0].decode(OpportunityReopened.self).previousOutcome == .won)
        try await fixture.crm.advanceOpportunity("opp-12", to: "proposal", context: fixture.me)
        let state = try await fixture.crm.opportunity("opp-12")
        #expect(state.isOpen && state.stage?.stageId == "proposal")
    }

    @Test func reopeningAnOpenOpportunityIsRejected() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        try await fixture.opportunity("opp-1", customer: "cus-1")
        let error = try await fixture.rejection {
            try await fixture.crm.reopenOpportunity("opp-1", to: "proposal", reason: "?", context: fixture.me)
        }
        #expect(error == .opportunityNotClosed(opportunityId: "opp-1"))
    }

    @Test func wonSetsTheCloseDateFromTheCommandTime() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        try await fixture.opportunity("opp-1", customer: "cus-1")
        try await fixture.crm.advanceOpportunity("opp-1", to: "negotiation", context: fixture.me)
        let context = CommandContext(actor: "usr-7", occurredAt: moment("2026-03-20T15:30:00Z"))
        let events = try await fixture.crm.winOpportunity("opp-1", context: context)
        let won = try events[0].decode(OpportunityWon.self)
        #expect(won.closeDate == date("2026-03-20"))
        #expect(won.wonAmount == (try eur("48000")))
        #expect(won.lastOpenStageId == "negotiation")
        #expect(won.stage.category == .won && won.stage.probability == 100)
        let state = try await fixture.crm.opportunity("opp-1")
        #expect(state.outcome == .won && state.closeDate == date("2026-03-20"))
    }

    @Test func lostNeedsAConfiguredReason() async throws {
        let fixture = try CRMFixture()
        try await fixture.crm.definePipeline(id: "sales", name: "Sales", stages: CRMStore.standardStages, context: fixture.me)
        try await fixture.customer("cus-1")
        try await fixture.opportunity("opp-1", customer: "cus-1")
        let unconfigured = try await fixture.rejection {
            try await fixture.crm.loseOpportunity("opp-1", reasonCode: "price", context: fixture.me)
        }
        #expect(unconfigured == .notConfigured("The list of lost reasons"))
        try await fixture.configure()
        let unknown = try await fixture.rejection {
            try await fixture.crm.loseOpportunity("opp-1", reasonCode: "timing", context: fixture.me)
        }
        #expect(unknown == .unknownLostReason(code: "timing", known: ["price", "competitor", "other"]))
        let noNote = try await fixture.rejection {
            try await fixture.crm.loseOpportunity("opp-1", reasonCode: "other", context: fixture.me)
        }
        #expect(noNote == .lostReasonNeedsNote(code: "other"))
        let events = try await fixture.crm.loseOpportunity(
            "opp-1", reasonCode: "competitor", competitor: "Initrode", closeDate: date("2026-02-01"), context: fixture.me)
        let lost = try events[0].decode(OpportunityLost.self)
        #expect(lost.lostReasonLabel == "Went with a competitor" && lost.lostReasonsVersion == 1)
        #expect(lost.closeDate == date("2026-02-01") && lost.stage.category == .lost && lost.lastOpenStageId == "qualification")
        let state = try await fixture.crm.opportunity("opp-1")
        #expect(state.outcome == .lost && state.lostReasonCode == "competitor")
    }

    @Test func amountsProbabilitiesAndDatesAreValidated() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        let negative = try await fixture.rejection {
            try await fixture.crm.openOpportunity(
                id: "opp-1", customerId: "cus-1", name: "X", pipelineId: "sales", stageId: "qualification",
                amount: Money(minorUnits: -1, currency: "EUR"), expectedCloseDate: date("2026-01-01"), context: fixture.me)
        }
        #expect(negative == .invalidInput(field: "amount", reason: "EUR -0.01 is negative; amounts must be zero or more"))
        let emptyName = try await fixture.rejection {
            try await fixture.crm.openOpportunity(
                id: "opp-1", customerId: "cus-1", name: "  ", pipelineId: "sales", stageId: "qualification",
                amount: try eur("1"), expectedCloseDate: date("2026-01-01"), context: fixture.me)
        }
        #expect(emptyName == .invalidInput(field: "opportunity name", reason: "it must not be empty"))
        try await fixture.opportunity("opp-1", customer: "cus-1")
        let probability = try await fixture.rejection {
            try await fixture.crm.overrideOpportunityProbability("opp-1", to: 101, reason: "sure", context: fixture.me)
        }
        #expect(probability == .invalidInput(field: "probability", reason: "101 is outside 0 to 100"))
        let currency = try await fixture.rejection {
            try await fixture.crm.changeOpportunityAmount("opp-1", to: Money(minorUnits: 5, currency: "USD"), context: fixture.me)
        }
        #expect(currency == .currencyMismatch(expected: "EUR", found: "USD"))
        try await fixture.crm.overrideOpportunityProbability("opp-1", to: 75, reason: "Verbal yes", context: fixture.me)
        try await fixture.crm.changeOpportunityCloseDate("opp-1", to: date("2026-04-30"), context: fixture.me)
        try await fixture.crm.changeOpportunityAmount("opp-1", to: try eur("52000"), context: fixture.me)
        let state = try await fixture.crm.opportunity("opp-1")
        #expect(try state.probability == 75 && state.closeDate == date("2026-04-30") && state.amount == eur("52000"))
    }

    @Test func pipelinesAreValidated() async throws {
        let fixture = try CRMFixture()
        let noLost = try await fixture.rejection {
            try await fixture.crm.definePipeline(
                id: "p", name: "P", stages: CRMStore.standardStages.filter { $0.category != .lost }, context: fixture.me)
        }
        #expect(noLost == .invalidInput(field: "pipeline stages", reason: "a pipeline needs at least one lost stage"))
        var stages = CRMStore.standardStages
        stages[0].defaultProbability = 120
        let probability = try await fixture.rejection {
            try await fixture.crm.definePipeline(id: "p", name: "P", stages: stages, context: fixture.me)
        }
        #expect(probability == .invalidInput(field: "probability of stage qualification", reason: "120 is outside 0 to 100"))
    }
}
