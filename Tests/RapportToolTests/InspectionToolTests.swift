import CRM
import EventSourcing
import Foundation
import Synchronization
import Testing

/// A clock the test sets: every event is recorded at the time it shows.
final class TestClock: Sendable {
    private let now: Mutex<Timestamp>

    init(_ start: String) { now = Mutex(Timestamp(iso8601: start) ?? Timestamp(rawValue: 0)) }

    func set(_ time: String) { now.withLock { $0 = Timestamp(iso8601: time) ?? $0 } }

    func read() -> Timestamp { now.withLock { $0 } }
}

/// A small CRM history written through the library on three days, for the inspection commands.
struct CRMHistory {
    let directory: URL
    let path: String
    let clock = TestClock("2026-06-01T09:00:00Z")

    init() async throws {
        (directory, path) = try ToolTests.newDirectory()
        let crm = try CRMStore(path: path, configuration: configuration(), options: Self.inClear)
        let me = CommandContext(actor: "usr-7")
        let other = CommandContext(actor: "usr-8")
        try await crm.definePipeline(id: "sales", name: "Sales", stages: CRMStore.standardStages, context: me)
        try await crm.registerCustomer(
            id: "cus-1", kind: .organization, name: "Initech Oy", email: "info@initech.example", source: .website, context: me)
        try await crm.registerCustomer(id: "cus-2", kind: .person, name: "Ada Lovelace", source: .referral, context: me)
        clock.set("2026-06-02T09:00:00Z")
        try await crm.changeCustomerDetails(customerId: "cus-1", ["name": "Initech Group"], context: me)
        try await crm.openOpportunity(
            id: "opp-1", customerId: "cus-1", name: "Payroll rollout", pipelineId: "sales", stageId: "qualification",
            amount: try Money("48000", currency: "EUR"), expectedCloseDate: LocalDate(year: 2026, month: 9, day: 30),
            context: other)
        clock.set("2026-06-03T09:00:00Z")
        try await crm.advanceOpportunity("opp-1", to: "proposal", context: other)
        try await crm.openTicket(
            id: "tk-1", customerId: "cus-2", channel: .email, type: .question, priority: .normal, subject: "Invoice",
            description: "Where is my invoice?", context: me)
        await crm.close()
    }

    func configuration() -> EventStoreConfiguration {
        var configuration = ToolTests.fastConfiguration()
        let clock = self.clock
        configuration.clock = { clock.read() }
        return configuration
    }

    /// The CRM over the store, for the library's own answers (closed by the caller).
    func open() throws -> CRMStore { try CRMStore(path: path, configuration: configuration(), options: Self.inClear) }

    /// The tool's stores hold personal data in clear (no master key).
    static var inClear: CRMOptions {
        var options = CRMOptions()
        options.personalData = .inClear
        return options
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// The JSON Lines of an output, each parsed.
func jsonLines(_ text: String) throws -> [PayloadValue] {
    try text.split(separator: "\n").map { try PayloadValue(jsonText: String($0)) }
}

@Suite("rapport log, stream and show")
struct InspectionToolTests {
    @Test func logListsAndFiltersAsTheLibraryReadsTheLog() async throws {
        let history = try await CRMHistory()
        defer { history.remove() }
        let crm = try history.open()
        let all = try await crm.store.readAll()
        await crm.close()
        #expect(all.count >= 7)

        let everything = try ToolTests.run(["log", history.path, "--format", "json"])
        #expect(everything.status == 0)
        let lines = try jsonLines(everything.output)
        #expect(lines.map { $0["position"]?.intValue } == all.map { Int64($0.position.rawValue) })
        #expect(lines.map { $0["type"]?.stringValue } == all.map(\.type))
        // The same form as an export: each line is the event's JSON Lines form.
        #expect(everything.output == all.map { JSONLines.line(for: $0) + "\n" }.joined())

        let customers = try jsonLines(try ToolTests.run(["log", history.path, "--category", "customer", "--format", "json"]).output)
        #expect(customers.map { $0["stream"]?.stringValue } == all.filter { $0.stream.category == "customer" }.map(\.stream.rawValue))

        let byOther = try jsonLines(try ToolTests.run(["log", history.path, "--actor", "usr-8", "--format", "json"]).output)
        #expect(byOther.map { $0["type"]?.stringValue } == all.filter { $0.actor == "usr-8" }.map(\.type))
        let otherTypes = byOther.compactMap { $0["type"]?.stringValue }
        #expect(otherTypes.contains("OpportunityStageChanged"))

        // The second day only: the details change and the opportunity (and what they brought with them).
        let secondDay = try ToolTests.run(["log", history.path, "--from", "2026-06-02", "--before", "2026-06-03", "--format", "json"])
        let expected = all.filter { $0.recordedAt.iso8601Seconds.hasPrefix("2026-06-02") }
        #expect(try jsonLines(secondDay.output).map { $0["id"]?.stringValue } == expected.map(\.id.description))
        #expect(!expected.isEmpty)

        let range = try jsonLines(try ToolTests.run(["log", history.path, "--after", "2", "--through", "6", "--limit", "3", "--format", "json"]).output)
        #expect(range.map { $0["position"]?.intValue } == [3, 4, 5])

        let stream = try jsonLines(try ToolTests.run(["log", history.path, "--stream", "opportunity-opp-1", "--type", "OpportunityStageChanged", "--format", "json"]).output)
        #expect(stream.count == 1 && stream.first?["data"]?["stage"]?["stageId"]?.stringValue == "proposal", "\(stream)")

        let table = try ToolTests.run(["log", history.path, "--type", "CustomerRegistered"])
        #expect(table.status == 0)
        let rows = table.output.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows.first?.hasPrefix(" POSITION  RECORDED") == true)
        #expect(rows[1].contains("2026-06-01T09:00:00Z") && rows[1].contains("customer-cus-1") && rows[1].contains("usr-7"))
        #expect(table.error == "2 events\n")
    }

    @Test func logRefusesBadArgumentsInOneLine() async throws {
        let history = try await CRMHistory()
        defer { history.remove() }
        for (arguments, words) in [
            (["--from", "yesterday"], "--from"), (["--limit", "0"], "--limit must be at least 1"),
            (["--after", "5", "--through", "2"], "--through 2 is before --after 5"),
            (["--format", "xml"], "--format"), (["--stream", ""], "--stream"),
        ] {
            let run = try ToolTests.run(["log", history.path] + arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.error.hasPrefix("rapport: ") && run.error.contains(words), "\(arguments): \(run.error)")
            #expect(run.error.split(separator: "\n").count == 1, "\(arguments): \(run.error)")
            #expect(run.output.isEmpty)
        }
    }

    @Test func streamShowsTheFieldsEachEventChanged() async throws {
        let history = try await CRMHistory()
        defer { history.remove() }
        let crm = try history.open()
        let recorded = try await crm.store.readStream(try StreamName("customer-cus-1"))
        await crm.close()
        let run = try ToolTests.run(["stream", history.path, "customer-cus-1", "--format", "json"])
        #expect(run.status == 0)
        let events = try jsonLines(run.output)
        #expect(events.map { $0["type"]?.stringValue } == recorded.map(\.type))
        #expect(recorded.prefix(2).map(\.type) == ["CustomerRegistered", "CustomerDetailsChanged"])
        guard events.count >= 2, recorded.count >= 2 else { return }
        #expect(events.allSatisfy { $0["basis"]?.stringValue == "state" })
        let rename = events[1]["changes"]?.elements ?? []
        #expect(rename == [.object([
            PayloadField(key: "path", value: .string("profile.name")), PayloadField(key: "old", value: .string("Initech Oy")),
            PayloadField(key: "new", value: .string("Initech Group")),
        ])])
        let registered = events.first?["changes"]?.elements ?? []
        let paths = registered.compactMap { $0["path"]?.stringValue }
        #expect(paths.contains("profile.name") && paths.contains("profile.email") && paths.contains("lifecycleStage"), "\(run.output)")
        // The record did not exist: its profile's fields are all new.
        let profile = registered.filter { $0["path"]?.stringValue?.hasPrefix("profile.") == true }
        #expect(profile.count >= 5 && profile.allSatisfy { $0["old"] == nil })
        #expect(profile.contains { $0 == .object([
            PayloadField(key: "path", value: .string("profile.email")), PayloadField(key: "new", value: .string("info@initech.example")),
        ]) })

        let table = try ToolTests.run(["stream", history.path, "customer-cus-1"])
        #expect(table.output.contains("v2 @\(recorded[1].position) 2026-06-02T09:00:00Z CustomerDetailsChanged by usr-7\n"))
        #expect(table.output.contains("    profile.name: \"Initech Oy\" → \"Initech Group\"\n"))

        // A stream with no state type: payloads against the previous payload of the same type.
        let pipeline = try jsonLines(try ToolTests.run(["stream", history.path, "pipeline-sales", "--format", "json"]).output)
        #expect(pipeline.first?["basis"]?.stringValue == "payload")
        #expect(pipeline.first?["changes"]?.elements?.contains { $0["path"]?.stringValue == "pipelineId" } == true)

        let missing = try ToolTests.run(["stream", history.path, "customer-nobody"])
        #expect(missing.status != 0 && missing.error == "rapport: the store has no stream customer-nobody\n")
    }

    @Test func showPrintsTheLibrarysStateNowAndAsItWas() async throws {
        let history = try await CRMHistory()
        defer { history.remove() }
        let crm = try history.open()
        let customer = try await crm.customer("cus-1")
        let opportunity = try await crm.opportunity("opp-1")
        let ticket = try await crm.ticket("tk-1")
        let all = try await crm.store.readAll()
        await crm.close()
        let registration = all.first { $0.type == "CustomerRegistered" }?.position ?? .start
        let endOfSecondDay = all.last { $0.recordedAt.iso8601Seconds.hasPrefix("2026-06-02") }?.position ?? .start

        let now = try ToolTests.run(["show", history.path, "customer", "cus-1", "--format", "json"])
        #expect(now.status == 0)
        #expect(try PayloadValue(jsonText: now.output) == (try customer.payloadValue()))
        #expect(try PayloadValue(jsonText: now.output)["profile"]?["name"]?.stringValue == "Initech Group")

        let firstDay = try ToolTests.run(["show", history.path, "customer", "cus-1", "--as-of", "2026-06-01", "--format", "json"])
        let before = try PayloadValue(jsonText: firstDay.output)
        #expect(before["profile"]?["name"]?.stringValue == "Initech Oy" && before["version"]?.intValue == 1)
        // At the registration's position: the same state.
        let atTwo = try PayloadValue(
            jsonText: try ToolTests.run(["show", history.path, "customer", "cus-1", "--as-of", "\(registration)", "--format", "json"]).output)
        #expect(atTwo == before)

        let deal = try ToolTests.run(["show", history.path, "opportunity", "opp-1", "--format", "json"])
        #expect(try PayloadValue(jsonText: deal.output) == (try opportunity.payloadValue()))
        #expect(opportunity.stage?.stageId == "proposal")
        let earlierDeal = try PayloadValue(jsonText: try ToolTests.run(["show", history.path, "opportunity", "opp-1", "--as-of", "2026-06-02T12:00:00Z", "--format", "json"]).output)
        #expect(earlierDeal["stage"]?["stageId"]?.stringValue == "qualification")

        let table = try ToolTests.run(["show", history.path, "ticket", "tk-1"])
        #expect(table.status == 0)
        #expect(table.output.hasPrefix("ticket tk-1: version \(ticket.version), as of position \(all.count)\n"))
        #expect(table.output.contains("  opened.subject") && table.output.contains("\"Invoice\""))

        let notYet = try ToolTests.run(["show", history.path, "ticket", "tk-1", "--as-of", "2026-06-02"])
        #expect(notYet.status != 0 && notYet.error == "rapport: there is no ticket tk-1 as of position \(endOfSecondDay)\n")
        let nobody = try ToolTests.run(["show", history.path, "customer", "cus-9"])
        #expect(nobody.status != 0 && nobody.error == "rapport: there is no customer cus-9\n")
        let kind = try ToolTests.run(["show", history.path, "invoice", "inv-1"])
        #expect(kind.status != 0 && kind.error.hasPrefix("rapport: ") && kind.error.contains("invoice"))
        let badTime = try ToolTests.run(["show", history.path, "customer", "cus-1", "--as-of", "June"])
        #expect(badTime.status != 0 && badTime.error.contains("--as-of"))
    }
}
