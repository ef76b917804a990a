import CRM
import EventSourcing
import Foundation
import Synchronization
import Testing

/// `rapport report` run as a child process on a store written through the library; its figures checked by hand and
/// against the library's own view queries.
@Suite("rapport report")
struct ReportToolTests {
    static let qualification = StageSnapshot(
        stageId: "qualification", name: "Qualification", order: 1, probability: 10, category: .open, forecastCategory: .pipeline)
    static let proposal = StageSnapshot(
        stageId: "proposal", name: "Proposal", order: 3, probability: 60, category: .open, forecastCategory: .bestCase)
    static let won = StageSnapshot(
        stageId: "won", name: "Closed won", order: 5, probability: 100, category: .won, forecastCategory: .closed)

    static func opportunity(_ id: String, customer: String, euros: Int64, close: String, owner: String) throws -> OpportunityOpened {
        OpportunityOpened(
            opportunityId: id, customerId: customer, name: "Deal \(id)", pipelineId: "sales", pipelineVersion: 1,
            stage: qualification, amount: Money(minorUnits: euros * 100, currency: "EUR"),
            expectedCloseDate: try #require(LocalDate(close)), ownerId: owner, type: .newBusiness, source: .website,
            sourceLeadId: nil, primaryCampaignId: nil)
    }

    /// Eight events, recorded (and happening) one hour apart from 2026-01-01T01:00:00Z: two customers and a lead (positions 1-3), two
    /// deals in qualification (4-5: ada's EUR 1,000 closing in March, bob's EUR 2,000 in April), then ada's deal moves
    /// to proposal (6), bob's is won for EUR 2,100 (7) and cus-1 opens a ticket (8). With `views`, the CRM views are
    /// added (inline) and so stored and caught up.
    static func store(views: Bool) async throws -> (directory: URL, store: String) {
        let (directory, path) = try ToolTests.newDirectory()
        var configuration = ToolTests.fastConfiguration()
        let hours = Mutex<Int64>(0)
        configuration.clock = {
            Timestamp(secondsSince1970: 1_767_225_600 + 3_600 * hours.withLock { value in
                value += 1
                return value
            })
        }
        let store = try EventStore(path: path, configuration: configuration)
        defer { store.close() }
        if views { try await CRMViews(store: store).addAll(mode: .inline) }
        var appended: Int64 = 0
        func append<E: Event>(_ event: E, to stream: String) async throws {
            appended += 1  // the business time is the recorded time
            let new = try NewEvent(
                event, occurredAt: Timestamp(secondsSince1970: 1_767_225_600 + 3_600 * appended), actor: "usr-7",
                codec: JSONPayloadCodec())
            try await store.append([new], to: try StreamName(stream))
        }
        for id in ["cus-1", "cus-2"] {
            try await append(
                CustomerRegistered(
                    customerId: id, kind: .organization, name: "Customer \(id)", email: "info@\(id).example", interests: [],
                    source: .website, ownerId: "usr-7", lifecycleStage: "lead", lifecyclePolicyVersion: 1),
                to: "customer-\(id)")
        }
        try await append(LeadCaptured(leadId: "lead-1", name: "A", source: .website), to: "lead-lead-1")
        try await append(try opportunity("opp-a", customer: "cus-1", euros: 1_000, close: "2026-03-31", owner: "ada"), to: "opportunity-opp-a")
        try await append(try opportunity("opp-b", customer: "cus-2", euros: 2_000, close: "2026-04-15", owner: "bob"), to: "opportunity-opp-b")
        try await append(
            OpportunityStageChanged(
                opportunityId: "opp-a", fromStageId: "qualification", pipelineId: "sales", pipelineVersion: 1, stage: proposal,
                direction: .forward),
            to: "opportunity-opp-a")
        try await append(
            OpportunityWon(
                opportunityId: "opp-b", pipelineId: "sales", pipelineVersion: 1, stage: won,
                wonAmount: Money(minorUnits: 210_000, currency: "EUR"), closeDate: try #require(LocalDate("2026-01-01")),
                lastOpenStageId: "qualification"),
            to: "opportunity-opp-b")
        try await append(
            TicketOpened(
                ticketId: "t-1", customerId: "cus-1", channel: .email, type: .question, priority: .high, subject: "Help",
                description: "Something broke"),
            to: "ticket-t-1")
        return (directory, path)
    }

    /// The JSON object the tool printed.
    static func json(_ run: ToolTests.Run) throws -> [String: Any] {
        #expect(run.status == 0, "\(run.error)")
        let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8))
        return try #require(object as? [String: Any])
    }

    /// A section's rows.
    static func rows(_ object: [String: Any], _ section: String) throws -> [[String: Any]] {
        try #require(object[section] as? [[String: Any]], "section \(section)")
    }

    /// Amounts as the JSON gives them, as `Money`.
    static func amounts(_ value: Any?) throws -> [Money] {
        let list = try #require(value as? [[String: Any]])
        return try list.map {
            Money(minorUnits: try #require(($0["minorUnits"] as? NSNumber)?.int64Value), currency: try #require($0["currency"] as? String))
        }
    }

    /// The `(data-label, data-value)` of every bar of the page's charts, in order.
    static func bars(_ html: String) -> [(label: String, value: String)] {
        html.components(separatedBy: "<rect class=\"bar\"").dropFirst().map { piece in
            func attribute(_ name: String) -> String {
                guard let start = piece.range(of: "\(name)=\"") else { return "" }
                return String(piece[start.upperBound...].prefix { $0 != "\"" })
            }
            return (attribute("data-label"), attribute("data-value"))
        }
    }

    @Test func pipelineJSONMatchesTheLibraryNowAndAsOfAPastPosition() async throws {
        let (directory, path) = try await Self.store(views: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // As of position 5 (recorded 05:00): both deals in qualification, EUR 3,000 at 10 % = EUR 300 weighted.
        let past = try Self.json(try ToolTests.run(["report", path, "pipeline", "--as-of", "5", "--format", "json"]))
        #expect(past["report"] as? String == "pipeline" && (past["position"] as? NSNumber)?.intValue == 5)
        #expect(past["at"] as? String == "2026-01-01T05:00:00Z")
        let pastStages = try Self.rows(past, "stages")
        #expect(pastStages.count == 1 && pastStages[0]["stage"] as? String == "qualification")
        #expect((pastStages[0]["open"] as? NSNumber)?.intValue == 2)
        #expect(try Self.amounts(pastStages[0]["amount"]) == [Money(minorUnits: 300_000, currency: "EUR")])
        #expect(try Self.amounts(pastStages[0]["weighted"]) == [Money(minorUnits: 30_000, currency: "EUR")])

        // Now, at a fixed time: ada's deal alone is open, in proposal (EUR 1,000 at 60 %); bob won EUR 2,100.
        let now = try Self.json(try ToolTests.run(["report", path, "pipeline", "--as-of", "2026-01-02T00:00:00Z", "--format", "json"]))
        #expect((now["position"] as? NSNumber)?.intValue == 8)
        let stages = try Self.rows(now, "stages")
        #expect(stages.map { $0["stage"] as? String } == ["proposal"])
        #expect(try Self.amounts(stages[0]["weighted"]) == [Money(minorUnits: 60_000, currency: "EUR")])
        let totals = try Self.rows(now, "totals")
        #expect((totals.first?["won"] as? NSNumber)?.intValue == 1 && (totals.first?["winRate"] as? NSNumber)?.doubleValue == 1)
        #expect(try Self.amounts(totals.first?["wonTotal"]) == [Money(minorUnits: 210_000, currency: "EUR")])

        // The same figures as the library's own query.
        let store = try EventStore(path: path, configuration: ToolTests.fastConfiguration())
        defer { store.close() }
        try await CRMViews(store: store).addAll(mode: .inline)
        let at = try #require(Timestamp(iso8601: "2026-01-02T00:00:00Z"))
        let library = try await CRMViews(store: store).pipeline().openByStage(at: at)
        #expect(library.count == stages.count)
        for (line, row) in zip(library, stages) {
            #expect(row["name"] as? String == line.stageName && (row["open"] as? NSNumber)?.intValue == line.count)
            #expect(try Self.amounts(row["amount"]) == line.amount)
            #expect(try Self.amounts(row["weighted"]) == line.weighted)
            #expect((row["averageDaysInStage"] as? NSNumber)?.doubleValue == Double(line.averageAgeInStageSeconds) / 86_400)
        }
        let owners = try Self.rows(now, "owners")
        let libraryOwners = try await CRMViews(store: store).pipeline().ownerPerformance()
        #expect(owners.map { $0["owner"] as? String } == libraryOwners.map(\.ownerId))
        #expect(owners.map { ($0["won"] as? NSNumber)?.intValue } == libraryOwners.map(\.won))
        #expect(try owners.map { try Self.amounts($0["weighted"]) } == libraryOwners.map(\.weighted))
    }

    @Test func aStoreWithoutTheViewsReportsTheSameAsOneThatKeepsThem() async throws {
        let (withViews, stored) = try await Self.store(views: true)
        let (withoutViews, folded) = try await Self.store(views: false)
        defer {
            try? FileManager.default.removeItem(at: withViews)
            try? FileManager.default.removeItem(at: withoutViews)
        }
        for kind in ["pipeline", "forecast", "funnel", "lifecycle", "service", "campaigns", "value", "churn"] {
            let arguments = [kind, "--as-of", "2026-01-02T00:00:00Z", "--format", "json"]
            let a = try ToolTests.run(["report", stored] + arguments)
            let b = try ToolTests.run(["report", folded] + arguments)
            #expect(a.status == 0 && b.status == 0, "\(kind): \(a.error) \(b.error)")
            #expect(a.output == b.output, "\(kind)")
            _ = try Self.json(a)
            // Without --as-of: the head; the figures that do not depend on the moment measured at (now) are equal.
            var c = try Self.json(try ToolTests.run(["report", stored, kind, "--format", "json"]))
            var d = try Self.json(try ToolTests.run(["report", folded, kind, "--format", "json"]))
            #expect((c["position"] as? NSNumber)?.intValue == 8 && (d["position"] as? NSNumber)?.intValue == 8)
            if ["forecast", "funnel", "campaigns", "service"].contains(kind) {
                (c["at"], d["at"]) = (nil, nil)
                #expect(NSDictionary(dictionary: c) == NSDictionary(dictionary: d), "\(kind)")
            }
            let table = try ToolTests.run(["report", stored, kind, "--as-of", "2026-01-02"])
            #expect(table.status == 0 && table.output.hasPrefix("\(kind) report as of position 8"))
        }
    }

    @Test func forecastLifecycleAndServiceFigures() async throws {
        let (directory, path) = try await Self.store(views: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // As of 05:00: ada's EUR 1,000 in March and bob's EUR 2,000 in April, each at 10 %.
        let forecast = try Self.rows(
            try Self.json(try ToolTests.run(["report", path, "forecast", "--as-of", "2026-01-01T05:00:00Z", "--format", "json"])),
            "forecast")
        #expect(forecast.map { "\($0["closeMonth"] ?? "") \($0["owner"] ?? "") \($0["category"] ?? "")" } == [
            "2026-03 ada pipeline", "2026-04 bob pipeline",
        ])
        #expect(try forecast.map { try Self.amounts($0["weighted"]) } == [
            [Money(minorUnits: 10_000, currency: "EUR")], [Money(minorUnits: 20_000, currency: "EUR")],
        ])

        let lifecycle = try Self.rows(try Self.json(try ToolTests.run(["report", path, "lifecycle", "--format", "json"])), "stages")
        #expect(lifecycle.count == 1 && lifecycle[0]["stage"] as? String == "lead" && (lifecycle[0]["customers"] as? NSNumber)?.intValue == 2)

        let service = try Self.json(try ToolTests.run(["report", path, "service", "--format", "json"]))
        let queue = try Self.rows(service, "queue").map { "\($0["by"] ?? "") \($0["value"] ?? "") \($0["open"] ?? "")" }
        #expect(queue == ["status new 1", "priority high 1", "assignee (unassigned) 1"])
        // The ticket has no SLA: nothing is measured, so no rate.
        #expect(try Self.rows(service, "sla").allSatisfy { $0["metRate"] is NSNull && ($0["met"] as? NSNumber)?.intValue == 0 })

        let funnel = try Self.rows(try Self.json(try ToolTests.run(["report", path, "funnel", "--format", "json"])), "funnel")
        #expect(funnel.map { "\($0["source"] ?? "") \($0["cohortMonth"] ?? "") \($0["leads"] ?? "")" } == ["website 2026-01 1"])
    }

    @Test func theHTMLPageDrawsTheFiguresAsBars() async throws {
        let (directory, path) = try await Self.store(views: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("pipeline.html").path

        let run = try ToolTests.run(["report", path, "pipeline", "--as-of", "5", "--html", page])
        #expect(run.status == 0, "\(run.error)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && html.contains("<style>"))
        // Self-contained: no script, no link, no address but the SVG namespace.
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http"))
        #expect(Self.bars(html).map { "\($0.label)=\($0.value)" } == ["sales / Qualification=2"])
        #expect(html.contains("<td class=\"n\">EUR 3000.00</td>") && html.contains("<td class=\"n\">EUR 300.00</td>"))

        let forecastPage = directory.appendingPathComponent("forecast.html").path
        #expect(try ToolTests.run(["report", path, "forecast", "--as-of", "5", "--html", forecastPage]).status == 0)
        let forecast = Self.bars(try String(contentsOfFile: forecastPage, encoding: .utf8))
        #expect(forecast.map { "\($0.label)=\($0.value)" } == ["2026-03 EUR=100", "2026-04 EUR=200"])

        let lifecyclePage = directory.appendingPathComponent("lifecycle.html").path
        #expect(try ToolTests.run(["report", path, "lifecycle", "--html", lifecyclePage]).status == 0)
        #expect(Self.bars(try String(contentsOfFile: lifecyclePage, encoding: .utf8)).map { "\($0.label)=\($0.value)" } == ["lead=2"])
    }

    @Test func badArgumentsGiveOneLineAndANonZeroExit() async throws {
        let (directory, path) = try await Self.store(views: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (arguments, code, message) in [
            (["report", path, "weather"], Int32(64), "weather"),
            (["report", path, "pipeline", "--as-of", "yesterday"], 64, "yesterday"),
            (["report", path, "pipeline", "--format", "xml"], 64, "xml"),
            (["report", path, "funnel", "--time-zone", "Mars/Olympus"], 64, "Mars/Olympus"),
            (["report", path, "value", "--currency", "euro"], 64, "euro"),
            (["report", directory.appendingPathComponent("nothing").path, "pipeline"], 1, "not a Rapport store"),
            (["report", path, "pipeline", "--html", directory.appendingPathComponent("no/such/dir/page.html").path], 1, "cannot write"),
        ] {
            let run = try ToolTests.run(arguments)
            #expect(run.status == code, "\(arguments): \(run.error)")
            #expect(run.error.hasPrefix("rapport: ") && run.error.contains(message), "\(arguments): \(run.error)")
            #expect(run.error.split(separator: "\n").count == 1 && run.output.isEmpty, "\(arguments)")
        }
    }
}
