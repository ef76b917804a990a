import EventSourcing
import EventSourcingTesting
import Foundation
import Testing

@Suite("Writing projections guide")
struct WritingProjectionsTests {
    @Test func theGuidesExampleRunsAndGivesTheFiguresItPromises() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-guide-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (now, before) = try await salesExample(storeAt: directory)
        #expect(now == SalesByOwner.Totals(openDeals: 0, wonCents: 120_000))
        #expect(before == SalesByOwner.Totals(openDeals: 1, wonCents: 0))
    }

    @Test func theGuideShowsTheCompiledExample() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let guide = try String(contentsOf: root.appendingPathComponent("Documentation/WritingProjections.md"), encoding: .utf8)
        let example = try String(
            contentsOf: here.deletingLastPathComponent().appendingPathComponent("WritingProjectionsExample.swift"), encoding: .utf8)
        #expect(guide.contains("```swift\n" + example + "```"))
        let scenario = try String(
            contentsOf: here.deletingLastPathComponent().appendingPathComponent("ProjectionScenarioTests.swift"), encoding: .utf8)
        let start = try #require(scenario.range(of: "    @Test func aWonDealMovesRevenue"))
        let end = try #require(scenario.range(of: "    // end of the guide's example"))
        #expect(guide.contains(String(scenario[start.lowerBound..<end.lowerBound])))
    }
}
