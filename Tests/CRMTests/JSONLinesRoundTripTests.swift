import CRM
import EventSourcing
import Foundation
import Testing

@Suite("JSON Lines round trip of a generated history")
struct JSONLinesRoundTripTests {
    @Test func aHundredThousandEventsExportedAndImportedGiveTheSameLog() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-roundtrip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        let source = try EventStore(path: directory.appendingPathComponent("source").path, configuration: configuration)
        defer { source.close() }
        let generated = try await WorkloadLoader.load(WorkloadConfiguration(events: 100_000), into: source)
        let file = directory.appendingPathComponent("log.jsonl").path
        #expect(try source.exportJSONLines(toFile: file) == 100_000)

        let target = try EventStore(path: directory.appendingPathComponent("target").path, configuration: configuration)
        defer { target.close() }
        let summary = try await target.importJSONLines(fromFile: file)
        #expect(summary.imported == 100_000)
        #expect(summary.head == 100_000)
        // Equal chain heads mean every record of both logs is byte for byte the same (the chain covers them all).
        #expect(try target.read { try $0.chainHead() } == (try source.read { try $0.chainHead() }))
        #expect(try WorkloadLoader.replayTotals(of: target, customers: 1_000) == generated)
        // And the imported store exports the same lines (checked on the last 2,000).
        var again = ""
        try target.exportJSONLines(after: 98_000) { again += $0 }
        let original = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").suffix(2_000)
        #expect(again.split(separator: "\n") == Array(original))
    }
}

@Suite("JSON Lines of a CRM history")
struct CRMJSONLinesTests {
    @Test func aCRMHistoryExportsReadablyAndImportsIntoAnEqualCRM() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.crm.registerCustomer(
            id: "cus-1", kind: .organization, name: "Initech Oy", email: "info@initech.example", interests: [],
            source: .website, context: fixture.me)
        try await fixture.crm.openOpportunity(
            id: "opp-1", customerId: "cus-1", name: "Payroll", pipelineId: "sales", stageId: "qualification",
            amount: try eur("48000"), expectedCloseDate: date("2026-03-31"), context: fixture.me)
        try await fixture.crm.winOpportunity("opp-1", context: fixture.me)

        var text = ""
        try fixture.crm.store.exportJSONLines { text += $0 }
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == Int(try fixture.head().rawValue))
        let registered = try #require(lines.first { $0.contains("\"type\":\"CustomerRegistered\"") })
        let value = try PayloadValue(jsonText: registered)
        // The name is personal: the export carries it sealed for the customer, never in clear.
        guard case .sealed(let name)? = value["data"]?["name"] else {
            Issue.record("the exported name is not sealed: \(String(describing: value["data"]?["name"]))")
            return
        }
        #expect(name.subject == "customer-cus-1" && name.keyVersion == 1)
        #expect(!text.contains("Initech Oy") && !text.contains("info@initech.example"))
        #expect(value["data"]?["kind"] == .string("organization"))
        #expect(value["actor"] == .string("usr-7"))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-crm-import-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        let imported = try EventStore(path: directory, configuration: configuration)
        try await imported.importJSONLines(lines)
        #expect(try imported.read { try $0.chainHead() } == (try fixture.crm.store.read { try $0.chainHead() }))
        var options = CRMOptions()
        options.personalData = .inClear   // the import has no master key: it holds the sealed values as they came
        let crm = try CRMStore(store: imported, options: options)
        // The subject keys stay in the original store (a backup carries them): the import reads personal fields
        // as redacted and everything else as the original.
        let copied = try await crm.customer("cus-1")
        #expect(copied.profile?.name == PersonalDataPolicy.redactedText && copied.profile?.email == "[redacted]")
        let original = try await fixture.crm.customer("cus-1")
        #expect(copied.profile?.kind == .organization && copied.lifecycleStage == original.lifecycleStage)
        #expect(try await crm.opportunity("opp-1") == (try await fixture.crm.opportunity("opp-1")))
        imported.close()
    }
}
