import EventSourcing
import Foundation
import Testing

/// A payload with the kinds JSON alone cannot tell apart.
struct Measured: Event {
    static let eventType = "Measured"
    var label: String
    var count: UInt32
    var ratio: Double
    var raw: [UInt8]
    var at: Timestamp
    var optional: String?
}

@Suite("JSON Lines")
struct JSONLinesTests {
    /// A store with a varied history: typed binary payloads, a JSON payload, envelopes with every field.
    func variedStore() async throws -> StoreFixture {
        let fixture = try StoreFixture()
        let store = fixture.store
        let correlation = EventID.make()
        for number in 0..<40 {
            let measured = Measured(
                label: "m\(number) \"quoted\"\n", count: UInt32(number), ratio: Double(number) / 3, raw: [0, 255, UInt8(number)],
                at: Timestamp(secondsSince1970: 1_700_000_000 + Int64(number)), optional: number % 2 == 0 ? nil : "odd")
            let event = try NewEvent(
                measured, occurredAt: Timestamp(secondsSince1970: 1_600_000_000 + Int64(number)), actor: "user-\(number % 3)",
                correlationID: correlation, causationID: number > 0 ? EventID.make() : nil,
                metadata: number % 5 == 0 ? ["channel": "web", "ip": "192.0.2.\(number)"] : [:])
            try await store.append([event], to: stream("measure-\(number % 4)"))
        }
        let json = try NewEvent(TicketOpened(customer: "customer-1"), codec: JSONPayloadCodec())
        try await store.append([json, event("Opaque", "raw text payload")], to: stream("ticket-1"))
        return fixture
    }

    func export(_ store: EventStore, after: LogPosition = .start) throws -> String {
        var text = ""
        try store.exportJSONLines(after: after) { text += $0 }
        return text
    }

    @Test func anExportImportedIntoAnEmptyStoreIsTheSameLogHashesIncluded() async throws {
        let source = try await variedStore()
        let exported = try export(source.store)
        #expect(exported.split(separator: "\n").count == 42)
        let target = try StoreFixture()
        let summary = try await target.store.importJSONLines(exported.split(separator: "\n").map(String.init), batchSize: 7)
        #expect(summary.imported == 42)
        #expect(summary.head == 42)
        #expect(try export(target.store) == exported)
        #expect(try target.store.read { try $0.chainHead() } == (try source.store.read { try $0.chainHead() }))
        #expect(try await target.store.readAll() == (try await source.store.readAll()))
        // Typed decoding after the round trip.
        let first = try #require(try await target.store.readAll(limit: 1).first)
        let measured = try first.decode(Measured.self)
        #expect(measured.label == "m0 \"quoted\"\n" && measured.count == 0 && measured.raw == [0, 255, 0])
        #expect(measured.optional == nil)
    }

    @Test func aLineShowsTheEnvelopeAndTheDataAsJSON() async throws {
        let source = try await variedStore()
        let lines = try export(source.store).split(separator: "\n").map(String.init)
        let value = try PayloadValue(jsonText: lines[5])
        #expect(value["position"] == .int(6))
        #expect(value["type"] == .string("Measured"))
        #expect(value["stream"] == .string("measure-1"))
        #expect(value["actor"] == .string("user-2"))
        #expect(value["data"]?["label"] == .string("m5 \"quoted\"\n"))
        #expect(value["data"]?["optional"] == .string("odd"))
        #expect(value["metadata"]?["channel"] == .string("web"))
        #expect(value["codec"] == .string("binary"))
        let last = try PayloadValue(jsonText: lines[41])
        #expect(last["type"] == .string("Opaque"))
        // Bytes that are no valid payload of their codec travel as base64 only.
        #expect(last["payload"] == .string(Data("raw text payload".utf8).base64EncodedString()))
        let json = try PayloadValue(jsonText: lines[40])
        #expect(json["codec"] == .string("json"))
        #expect(json["data"]?["customer"] == .string("customer-1"))
    }

    @Test func anInvalidLineIsReportedWithItsNumberAndNothingOfItsBatchIsImported() async throws {
        let source = try await variedStore()
        var lines = try export(source.store).split(separator: "\n").map(String.init)
        lines[12] = lines[12].replacingOccurrences(of: "\"streamVersion\":", with: "\"streamVersion\":\"x\",\"was\":")
        let target = try StoreFixture()
        await #expect(throws: EventStoreError.invalidImport(line: 13, reason: "unknown key \"was\"")) {
            try await target.store.importJSONLines(lines, batchSize: 20)
        }
        #expect(try target.store.head() == .start)
        // With batches of 5, the first two batches (lines 1-10) went in; the third holds line 13.
        await #expect(throws: EventStoreError.self) { try await target.store.importJSONLines(lines, batchSize: 5) }
        #expect(try target.store.head() == LogPosition(10))
        // Fixed, the rest continues where the store ends.
        var rest = try export(source.store, after: 10).split(separator: "\n").map(String.init)
        rest.insert("", at: 3)
        let summary = try await target.store.importJSONLines(rest)
        #expect(summary.imported == 32)
        #expect(try export(target.store) == (try export(source.store)))
    }

    @Test func alteredDataIsCaughtByTheChainHash() async throws {
        let source = try await variedStore()
        var lines = try export(source.store).split(separator: "\n").map(String.init)
        lines[20] = lines[20].replacingOccurrences(of: "\"actor\":\"user-2\"", with: "\"actor\":\"user-9\"")
        let target = try StoreFixture()
        await #expect {
            try await target.store.importJSONLines(lines)
        } throws: { error in
            guard case EventStoreError.invalidImport(let line, let reason) = error else { return false }
            return line == 21 && reason.contains("chain hash")
        }
        #expect(try target.store.head() == .start)
    }

    @Test func positionsMustContinueTheStoreUnlessAppendedAsNew() async throws {
        let source = try await variedStore()
        let lines = try export(source.store).split(separator: "\n").map(String.init)
        let target = try StoreFixture()
        try await target.store.append([event("Local")], to: stream("local-1"))
        await #expect {
            try await target.store.importJSONLines(lines)
        } throws: { error in
            guard case EventStoreError.invalidImport(let line, let reason) = error else { return false }
            return line == 1 && reason.contains("does not follow the store's last position 1")
        }
        let summary = try await target.store.importJSONLines(lines, mode: .appendAsNew, batchSize: 50)
        #expect(summary.imported == 42)
        #expect(try target.store.head() == LogPosition(43))
        let again = try await target.store.importJSONLines(lines, mode: .appendAsNew, batchSize: 50)
        #expect(again.alreadyPresent == 42)
        #expect(again.imported == 0)
        #expect(try target.store.head() == LogPosition(43))
        #expect(try await target.store.version(of: stream("measure-1")) == 10)
    }

    @Test func aFileIsExportedAndImportedAndBadBytesNameTheirLine() async throws {
        let source = try await variedStore()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-jsonl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("log.jsonl").path
        #expect(try source.store.exportJSONLines(toFile: file) == 42)
        let target = try StoreFixture()
        let summary = try await target.store.importJSONLines(fromFile: file)
        #expect(summary.lines == 42 && summary.imported == 42)
        #expect(try export(target.store) == (try String(contentsOfFile: file, encoding: .utf8)))

        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        let thirdLine = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }[1] + 12
        bytes[thirdLine] = 0xFF
        let broken = directory.appendingPathComponent("broken.jsonl").path
        try Data(bytes).write(to: URL(fileURLWithPath: broken))
        let fresh = try StoreFixture()
        await #expect(throws: EventStoreError.invalidImport(line: 3, reason: "the line is not valid UTF-8")) {
            try await fresh.store.importJSONLines(fromFile: broken)
        }
        #expect(try fresh.store.head() == .start)
    }
}
