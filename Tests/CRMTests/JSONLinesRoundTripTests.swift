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
