import CRM
import Testing

@Suite("Lifecycle stages")
struct LifecycleTests {
    @Test func newCustomersStartInThePolicysInitialStage() async throws {
        let fixture = try CRMFixture()
        let before = try await fixture.customer("cus-0")
        #expect(try before.events[0].decode(CustomerRegistered.self).lifecycleStage == "prospect")
        #expect(try before.events[0].decode(CustomerRegistered.self).lifecyclePolicyVersion == 0)
        try await fixture.configure()
        let registered = try await fixture.customer("cus-1")
        let event = try registered.events[0].decode(CustomerRegistered.self)
        #expect(event.lifecycleStage == "prospect" && event.lifecyclePolicyVersion == 1)
    }

    @Test func firstOpenOpportunityPromotesAProspectInTheSameAppend() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        let events = try await fixture.opportunity("opp-1", customer: "cus-1")
        #expect(events.map(\.type) == ["OpportunityOpened", "LifecycleStageChanged"])
        #expect(events[0].position.rawValue + 1 == events[1].position.rawValue)
        let changed = try events[1].decode(LifecycleStageChanged.self)
        #expect(changed.fromStage == "prospect" && changed.toStage == "opportunity")
        #expect(changed.trigger == .rule && changed.ruleId == "first-open-opportunity")
        #expect(changed.triggeringEventId == events[0].id && events[1].causationID == events[0].id)
        #expect(changed.policyId == "standard" && changed.policyVersion == 1 && changed.direction == .forward)
        #expect(events[1].stream.rawValue == "customer-cus-1")

        let second = try await fixture.opportunity("opp-2", customer: "cus-1")
        #expect(second.map(\.type) == ["OpportunityOpened"])
    }

    @Test func firstWonDealMakesACustomerAndLaterWinsDoNot() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        try await fixture.opportunity("opp-1", customer: "cus-1")
        try await fixture.opportunity("opp-2", customer: "cus-1")
        let won = try await fixture.crm.winOpportunity("opp-1", context: fixture.me)
        #expect(won.map(\.type) == ["OpportunityWon", "LifecycleStageChanged"])
        let changed = try won[1].decode(LifecycleStageChanged.self)
        #expect(changed.toStage == "customer" && changed.ruleId == "first-won-deal" && changed.triggeringEventId == won[0].id)
        let again = try await fixture.crm.winOpportunity("opp-2", context: fixture.me)
        #expect(again.map(\.type) == ["OpportunityWon"])
        let customer = try await fixture.crm.customer("cus-1")
        #expect(customer.lifecycleStage == "customer")
        #expect(customer.lifecycleHistory.map(\.toStage) == ["opportunity", "customer"])
    }

    @Test func promotionsNeverMoveBack() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        try await fixture.crm.changeLifecycleStage(customerId: "cus-1", to: "loyal", context: fixture.me)
        let events = try await fixture.opportunity("opp-1", customer: "cus-1")
        #expect(events.map(\.type) == ["OpportunityOpened"])
        #expect(try await fixture.crm.customer("cus-1").lifecycleStage == "loyal")
    }

    @Test func movingBackNeedsAReason() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        try await fixture.crm.changeLifecycleStage(customerId: "cus-1", to: "customer", context: fixture.me)
        let noReason = try await fixture.rejection {
            try await fixture.crm.changeLifecycleStage(customerId: "cus-1", to: "lead", context: fixture.me)
        }
        #expect(
            noReason
                == .lifecycleMoveBackNotAllowed(
                    customerId: "cus-1", from: "customer", to: "lead",
                    reason: "a move back needs a reason (churned, recycled, disqualified)"))
        let unknown = try await fixture.rejection {
            try await fixture.crm.changeLifecycleStage(customerId: "cus-1", to: "vip", context: fixture.me)
        }
        #expect(unknown == .unknownLifecycleStage("vip", known: LifecyclePolicy.standardDefinition().stages))
        let events = try await fixture.crm.changeLifecycleStage(
            customerId: "cus-1", to: "lead", reason: "Recycled after a year without orders", context: fixture.me)
        let changed = try events[0].decode(LifecycleStageChanged.self)
        #expect(changed.direction == .backward && changed.trigger == .manual && changed.reason != nil)
    }

    @Test func aForwardOnlyPolicyForbidsMovingBack() async throws {
        let fixture = try CRMFixture()
        try await fixture.crm.defineLifecyclePolicy(
            stages: ["lead", "customer"], initialStage: "lead", backwardMoves: .forbidden, rules: [], context: fixture.me)
        try await fixture.customer("cus-1")
        try await fixture.crm.changeLifecycleStage(customerId: "cus-1", to: "customer", context: fixture.me)
        let error = try await fixture.rejection {
            try await fixture.crm.changeLifecycleStage(customerId: "cus-1", to: "lead", reason: "churned", context: fixture.me)
        }
        #expect(
            error
                == .lifecycleMoveBackNotAllowed(
                    customerId: "cus-1", from: "customer", to: "lead", reason: "the lifecycle policy only moves forward"))
        #expect(try await fixture.crm.lifecyclePolicy().definition?.version == 1)
    }

    @Test func aPolicyMustNameItsOwnStages() async throws {
        let fixture = try CRMFixture()
        let error = try await fixture.rejection {
            try await fixture.crm.defineLifecyclePolicy(
                stages: ["lead", "customer"], initialStage: "prospect", backwardMoves: .forbidden, rules: [],
                context: fixture.me)
        }
        #expect(error == .unknownLifecycleStage("prospect", known: ["lead", "customer"]))
    }
}
