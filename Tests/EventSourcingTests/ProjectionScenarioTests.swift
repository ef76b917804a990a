import EventSourcing
import EventSourcingTesting
import Testing

@Suite("Projection scenarios")
struct ProjectionScenarioTests {
    @Test func aWonDealMovesRevenue() async throws {
        try await ProjectionScenario(SalesByOwner())
            .given(DealOpened(owner: "ada", amountCents: 50_000), in: "deal-1")
            .given(DealOpened(owner: "ada", amountCents: 20_000), in: "deal-2")
            .when(DealWon(owner: "ada", amountCents: 50_000), in: "deal-1")
            .then("ada", equals: SalesByOwner.Totals(openDeals: 1, wonCents: 50_000))
    }
    // end of the guide's example

    @Test func theWholeStateAndFoldStatesCanBeChecked() async throws {
        let scenario = ProjectionScenario(SalesByOwner())
            .given(DealOpened(owner: "ada", amountCents: 1), in: "deal-1")
            .given(DealOpened(owner: "bob", amountCents: 2), in: "deal-2")
        try await scenario.then(records: ["ada": .init(openDeals: 1), "bob": .init(openDeals: 1)])
        let state = try await scenario.state()
        #expect(state.position == 2)
        #expect(state["carol"] == nil)
        try await ProjectionScenario(WeightedCount(weight: 2))
            .given(NewEvent(type: "A", payload: []), in: "s-1")
            .when(NewEvent(type: "B", payload: []), in: "s-1")
            .then(state: ["A": 2, "B": 2])
    }

    @Test func aThrowingProjectionIsReportedAtItsEvent() async {
        await ProjectionScenario(PoisonSensitive())
            .given(NewEvent(type: "Thing", payload: Array("fine".utf8)), in: "t-1")
            .when(NewEvent(type: "Thing", payload: Array("poison".utf8)), in: "t-1")
            .thenFails(atEvent: 2)
    }

    @Test func aMismatchIsRecordedAsAnIssue() async throws {
        await withKnownIssue {
            try await ProjectionScenario(SalesByOwner())
                .given(DealOpened(owner: "ada", amountCents: 1), in: "deal-1")
                .then("ada", equals: SalesByOwner.Totals(openDeals: 2))
        }
    }
}
