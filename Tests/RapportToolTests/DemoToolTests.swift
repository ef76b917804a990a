import CRM
import EventSourcing
import Foundation
import Testing

/// `rapport demo` run as a child process: its sections and figures checked against the library's own answers on
/// the store it kept, its determinism, and the other commands on the store it leaves.
@Suite("rapport demo")
struct DemoToolTests {
    /// The rows of the table under `heading` (a line of the output starting with it), up to the next blank line or
    /// section name; each row split into its cells by runs of two or more spaces.
    static func rows(_ output: String, after heading: String, section: String) -> [[String]] {
        let lines = output.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }),
            let name = lines[start...].firstIndex(where: { $0 == "  \(section):" })
        else { return [] }
        var rows: [[String]] = []
        for line in lines[(name + 2)...] {
            guard line.hasPrefix("    "), !line.isEmpty else { break }
            rows.append(
                line.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty })
        }
        return rows
    }

    /// `12345` as `12,345`.
    static func grouped(_ value: Int) -> String {
        var text = String(value)
        var index = text.count - 3
        while index > 0 {
            text.insert(",", at: text.index(text.startIndex, offsetBy: index))
            index -= 3
        }
        return text
    }

    /// The CRM events the demo's history of `events` workload events holds, per type, mapped here in-process.
    static func expectedCounts(events: Int) throws -> [String: Int] {
        var generator = WorkloadGenerator(configuration: WorkloadConfiguration(events: events))
        var mapping = CRMWorkloadMapping()
        var counts: [String: Int] = [:]
        for _ in 0..<events {
            for mapped in try mapping.map(generator.nextDatasetEvent()) { counts[mapped.event.type, default: 0] += 1 }
        }
        return counts
    }

    @Test func theDemoShowsTheViewsFiguresAndLeavesAStoreTheOtherCommandsRead() async throws {
        let (directory, path) = try ToolTests.newDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let demo = try ToolTests.run(["demo", "--events", "2000", "--path", path, "--keep"])
        #expect(demo.status == 0, "\(demo.output)\n\(demo.error)")
        for heading in [
            "customer 360° of ", "pipeline (open deals per stage", "lifecycle board (customers per stage)", "service (",
            "campaigns:", "consistency (", "verify:",
        ] {
            #expect(demo.output.contains("\n" + heading), "no \(heading)")
        }
        #expect(!demo.output.contains("DIFFERENT"))

        let expected = try Self.expectedCounts(events: 2_000)
        let total = expected.values.reduce(0, +)
        var configuration = EventStoreConfiguration()
        configuration.readOnly = true
        let store = try EventStore(path: path, configuration: configuration)
        defer { store.close() }
        // The log holds exactly the mapped history, and the demo says how much it wrote.
        #expect(try store.read { try $0.countsByType() } == expected)
        #expect(demo.output.contains("  wrote \(Self.grouped(total)) CRM events (2,000 direct"))
        #expect(demo.output.contains("  intact: \(total) events"))

        // The library's answers, folded from the log here (as of its head), not read from the views the demo kept.
        let views = CRMViews(store: store)
        let head = try store.head()
        let point = AsOf.position(head)
        let at = try #require(try store.read { try $0.event(at: head)?.occurredAt })
        #expect(demo.output.contains("figures measured at \(at.iso8601Seconds)"))

        let lifecycle = try await views.lifecycle(asOf: point).countsByStage()
        let board = Self.rows(demo.output, after: "lifecycle board", section: "stages")
        #expect(Dictionary(uniqueKeysWithValues: board.map { ($0[0], Int($0[1]) ?? -1) }) == lifecycle)
        #expect(lifecycle.values.reduce(0, +) == expected["CustomerRegistered"])

        let stages = try await views.pipeline(asOf: point).openByStage(at: at)
        let pipeline = Self.rows(demo.output, after: "pipeline (", section: "stages")
        #expect(pipeline.map { "\($0[1]) \($0[3])" } == stages.map { "\($0.stageId) \($0.count)" })
        #expect(!stages.isEmpty)

        let serviceSnapshot = try await views.service(asOf: point)
        let queue = serviceSnapshot.queue()
        let sla = Self.rows(demo.output, after: "service (", section: "sla")
        #expect(sla.map { $0[1] + " " + $0[2] + " " + $0[3] } == SLAMilestone.allCases.map { milestone in
            let summary = serviceSnapshot.slaSummary(milestone, at: at)
            return "\(milestone.rawValue) \(summary.met) \(summary.breached)"
        })
        let csat = try #require(Self.rows(demo.output, after: "service (", section: "satisfaction").first?.first)
        #expect(abs((Double(csat) ?? -1) - (serviceSnapshot.csatAverage() ?? -10)) < 0.0001)
        let service = Self.rows(demo.output, after: "service (", section: "queue").filter { $0[0] == "status" }
        #expect(Dictionary(uniqueKeysWithValues: service.map { ($0[1], Int($0[2]) ?? -1) })
            == Dictionary(uniqueKeysWithValues: queue.byStatus.map { ($0.key.rawValue, $0.value) }))

        let campaigns = try await views.campaigns(asOf: point)
        let campaignRows = Self.rows(demo.output, after: "campaigns:", section: "campaigns")
        #expect(campaignRows.map { $0[0] } == campaigns.campaigns.keys.sorted())
        #expect(campaignRows.map { Int($0[3]) } == campaigns.campaigns.keys.sorted().map { campaigns.campaign($0)?.members })

        // The customer shown: its 360° figures are the view's.
        let line = try #require(demo.output.components(separatedBy: "\n").first { $0.hasPrefix("customer 360° of ") })
        let customer = String(try #require(line.dropFirst("customer 360° of ".count).split(separator: " ").first))
        let view = try #require(try await views.customer360(customer, asOf: point)).view
        let profile = Self.rows(demo.output, after: "customer 360° of", section: "profile")
        let fields = Dictionary(uniqueKeysWithValues: profile.map { ($0[0], $0.count > 1 ? $0[1] : "") })
        #expect(fields["openOpportunities"] == String(view.openOpportunities.count))
        #expect(fields["wonOpportunities"] == String(view.wonOpportunities))
        #expect(fields["openTickets"] == String(view.openTickets.count))
        #expect(view.openOpportunities.count + view.wonOpportunities + view.openTickets.count > 0)
        // Independently of the views: the won deals of the customer's opportunities, from the log.
        let opened = try await store.readAll(filter: EventFilter(types: [OpportunityOpened.eventType]))
            .map { try $0.decode(OpportunityOpened.self) }.filter { $0.customerId == customer }.map(\.opportunityId)
        let won = try await store.readAll(filter: EventFilter(types: [OpportunityWon.eventType]))
            .map { try $0.decode(OpportunityWon.self).opportunityId }.filter { opened.contains($0) }
        #expect(view.wonOpportunities == won.count)

        // The other commands read the demo's store.
        for kind in ["pipeline", "forecast", "funnel", "lifecycle", "service", "campaigns", "value", "churn"] {
            let report = try ToolTests.run(["report", path, kind])
            #expect(report.status == 0, "report \(kind): \(report.error)")
            #expect(report.output.hasPrefix("\(kind) report as of position \(head)"))
        }
        let json = try ToolTests.run(["report", path, "lifecycle", "--format", "json"])
        #expect(json.status == 0)
        let reported = try #require(
            try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])["stages"] as? [[String: Any]]
        #expect(
            Dictionary(uniqueKeysWithValues: (reported ?? []).map { ($0["stage"] as? String ?? "", $0["customers"] as? Int ?? -1) })
                == lifecycle)
        let shown = try ToolTests.run(["show", path, "customer", customer])
        #expect(shown.status == 0, "\(shown.error)")
        #expect(shown.output.hasPrefix("customer \(customer): version "))
        let deal = try #require(opened.first)
        #expect(try ToolTests.run(["show", path, "opportunity", deal]).status == 0)
        let ticket = try #require(
            try await store.readAll(filter: EventFilter(types: [TicketClosed.eventType]), limit: 1).first)
        let ticketId = try ticket.decode(TicketClosed.self).ticketId
        let shownTicket = try ToolTests.run(["show", path, "ticket", ticketId, "--format", "json"])
        #expect(shownTicket.status == 0, "\(shownTicket.error)")
        let history = try ToolTests.run(["stream", path, "ticket-" + ticketId])
        #expect(history.status == 0, "\(history.error)")
        #expect(history.output.contains("TicketResolved"))
        #expect(try ToolTests.run(["verify", path]).status == 0)
    }

    @Test func twoRunsShowTheSameFigures() throws {
        func figures() throws -> String {
            let run = try ToolTests.run(["demo", "--events", "1500"])
            #expect(run.status == 0, "\(run.error)")
            // From the 360° view to the consistency check: everything but the store's path, timings and chain hash.
            let lines = run.output.components(separatedBy: "\n")
            let start = lines.firstIndex { $0.hasPrefix("customer 360° of ") } ?? lines.count
            let end = lines.firstIndex { $0.hasPrefix("verify:") } ?? lines.count
            return lines[start..<max(start, end)].joined(separator: "\n")
        }
        let first = try figures()
        #expect(first.contains("lifecycle board") && first.contains("agree ✓"))
        #expect(try figures() == first)
    }

    @Test func aStoreThatExistsIsRefusedAndNothingIsWritten() throws {
        let (directory, _) = try ToolTests.newDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try ToolTests.run(["demo", "--events", "10", "--path", directory.path])
        #expect(run.status != 0)
        #expect(run.error.contains("exists already"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
