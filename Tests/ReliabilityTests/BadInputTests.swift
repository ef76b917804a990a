import CRM
import EventSourcing
import Foundation
import Testing

/// Bad input: commands with invalid values are rejected with typed errors and write nothing; random and mutated
/// bytes given to the record decoder and to the JSON Lines importer are typed errors, never a crash, never a
/// half-written import.
///
/// `RAPPORT_FUZZ_ITERATIONS` sets the number of inputs per fuzz test (default 3,000; the long run in
/// Reliability.md used 200,000: 200,000 records and 20,000 imports).
@Suite("Bad input")
struct BadInputTests {
    static let iterations = ProcessInfo.processInfo.environment["RAPPORT_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 3_000
    let me = CommandContext(actor: "usr-7")

    /// A CRM in a fresh directory, with the standard pipeline and one customer.
    func crm(_ directory: ScratchDirectory) async throws -> CRMStore {
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        var options = CRMOptions()
        options.personalData = .inClear
        let crm = try CRMStore(path: directory.file("crm"), configuration: configuration, options: options)
        try await crm.definePipeline(id: "sales", name: "Sales", stages: CRMStore.standardStages, context: me)
        try await crm.registerCustomer(id: "cus-1", kind: .organization, name: "Initech Oy", source: .website, context: me)
        return crm
    }

    /// Runs a command that must be rejected with a ``CRMError``; returns the error, after checking that the log did
    /// not move.
    func rejected(_ crm: CRMStore, _ body: () async throws -> Void) async throws -> CRMError? {
        let before = try crm.store.head()
        do {
            try await body()
            return nil
        } catch let error as CRMError {
            #expect(try crm.store.head() == before, "a rejected command wrote events")
            #expect(!error.description.isEmpty)
            return error
        }
    }

    @Test func commandsWithInvalidValuesAreTypedErrorsAndWriteNothing() async throws {
        let directory = try ScratchDirectory("bad-commands")
        defer { directory.remove() }
        let crm = try await crm(directory)
        defer { crm.store.close() }
        let close = try #require(LocalDate("2026-06-30"))
        func openDeal(_ id: String, stage: String = "qualification", amount: Money = Money(minorUnits: 100, currency: "EUR"),
                  name: String = "Deal", date: LocalDate = close) async throws {
            try await crm.openOpportunity(
                id: id, customerId: "cus-1", name: name, pipelineId: "sales", stageId: stage, amount: amount,
                expectedCloseDate: date, context: me)
        }

        // A negative amount.
        let negative = try await rejected(crm) { try await openDeal("opp-1", amount: Money(minorUnits: -1, currency: "EUR")) }
        guard case .invalidInput(let field, _) = negative else { Issue.record("negative amount: \(String(describing: negative))"); return }
        #expect(field == "amount")
        // An unknown stage.
        #expect(try await rejected(crm) { try await openDeal("opp-2", stage: "no-such-stage") } == .unknownStage(pipelineId: "sales", stageId: "no-such-stage"))
        // Oversized and empty text.
        let long = try await rejected(crm) { try await openDeal("opp-3", name: String(repeating: "x", count: 1 << 20)) }
        guard case .invalidInput = long else { Issue.record("oversized name: \(String(describing: long))"); return }
        let empty = try await rejected(crm) { try await openDeal("opp-4", name: "   ") }
        guard case .invalidInput = empty else { Issue.record("empty name: \(String(describing: empty))"); return }
        // Text that is not valid UTF-8 cannot reach a Swift String as such: decoded, it carries U+FFFD; a name of
        // such replacement characters beyond the limit is still refused by length.
        let repaired = String(decoding: [UInt8](repeating: 0xFF, count: 2_000), as: UTF8.self)
        let invalidUTF8 = try await rejected(crm) { try await openDeal("opp-5", name: repaired) }
        guard case .invalidInput = invalidUTF8 else { Issue.record("invalid UTF-8: \(String(describing: invalidUTF8))"); return }
        // Dates out of range cannot be made.
        #expect(throws: CRMError.self) { _ = try LocalDate(year: 2026, month: 13, day: 1) }
        #expect(throws: CRMError.self) { _ = try LocalDate(year: 2026, month: 2, day: 30) }
        #expect(LocalDate("2026-13-01") == nil && LocalDate("2026-02-30") == nil && LocalDate("99999-01-01") == nil)
        // Money that does not parse.
        for text in ["1.2.3", "12,50", "", "--1", "1e9999"] {
            #expect(throws: CRMError.self) { _ = try Money(text, currency: "EUR") }
        }
        // A malformed identifier.
        let badID = try await rejected(crm) { try await openDeal("opp 6\n") }
        guard case .invalidInput = badID else { Issue.record("bad id: \(String(describing: badID))"); return }
        // And a valid command still works afterwards.
        try await openDeal("opp-ok")
        #expect(try await crm.opportunity("opp-ok").exists)
    }

    @Test func theStoreRefusesInvalidEnvelopesAndWritesNothing() async throws {
        let directory = try ScratchDirectory("bad-envelopes")
        defer { directory.remove() }
        var configuration = EventStoreConfiguration()
        configuration.maximumEventSize = 64 << 10
        let store = try EventStore(path: directory.file("store"), configuration: configuration)
        defer { store.close() }
        let stream = try StreamName("bad-1")
        let cases: [NewEvent] = [
            NewEvent(type: "", payload: []),
            NewEvent(type: "Has\u{0}Nul", payload: []),
            NewEvent(type: String(repeating: "T", count: 256), payload: []),
            NewEvent(type: "Big", payload: [UInt8](repeating: 1, count: 65 << 10)),
            NewEvent(type: "Actor", payload: [], actor: String(repeating: "a", count: 256)),
        ]
        for event in cases {
            await #expect(throws: EventStoreError.self) { try await store.append([event], to: stream) }
        }
        #expect(throws: EventStoreError.self) { _ = try StreamName("") }
        #expect(throws: EventStoreError.self) { _ = try StreamName(String(repeating: "s", count: 256)) }
        #expect(try store.head() == .start)
    }

    /// Bytes of real records: 40 events of several shapes.
    static func sampleRecords(_ directory: ScratchDirectory) async throws -> (records: [[UInt8]], lines: [String]) {
        let store = try EventStore(path: directory.file("sample"))
        defer { store.close() }
        for number in 0..<40 {
            let event = NewEvent(
                type: "Sample\(number % 4)", schemaVersion: UInt32(1 + number % 2),
                payload: (0..<(number * 7 % 90)).map { UInt8(truncatingIfNeeded: $0 * number) },
                actor: number % 3 == 0 ? "actor-\(number)" : nil, correlationID: number % 5 == 0 ? .make() : nil,
                metadata: number % 2 == 0 ? ["k": "v\(number)", "ü": "ß"] : [:])
            try await store.append([event], to: try StreamName("sample-\(number % 6)"))
        }
        var records: [[UInt8]] = []
        try store.read { snapshot in
            try snapshot.forEach { view in
                records.append(Array(view.bytes))
                return true
            }
        }
        var lines: [String] = []
        try store.exportJSONLines { lines.append(contentsOf: $0.split(separator: "\n").map(String.init)) }
        return (records, lines)
    }

    /// One mutation of `bytes`: flips, a cut, an insertion, a splice with other bytes, or random bytes.
    static func mutate(_ bytes: [UInt8], other: [UInt8], using random: inout some RandomNumberGenerator) -> [UInt8] {
        var result = bytes
        switch Int.random(in: 0..<6, using: &random) {
        case 0 where !result.isEmpty:
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                result[Int.random(in: 0..<result.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            }
        case 1: result = Array(result.prefix(Int.random(in: 0...result.count, using: &random)))
        case 2:
            let at = Int.random(in: 0...result.count, using: &random)
            result.insert(contentsOf: (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
        case 3:
            let cut = Int.random(in: 0...result.count, using: &random)
            result = Array(result.prefix(cut)) + other.suffix(Int.random(in: 0...other.count, using: &random))
        case 4 where !result.isEmpty:
            // An interesting value in a length or count field.
            let at = Int.random(in: 0..<result.count, using: &random)
            result[at] = [0x00, 0x7F, 0x80, 0xFF, 0xFE, 0x01][Int.random(in: 0..<6, using: &random)]
        default: result = (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        return result
    }

    @Test func theRecordDecoderTurnsMutatedAndRandomBytesIntoTypedErrors() async throws {
        let directory = try ScratchDirectory("fuzz-records")
        defer { directory.remove() }
        let (records, _) = try await Self.sampleRecords(directory)
        var random = SystemRandomNumberGenerator()
        var parsed = 0
        var refused = 0
        for _ in 0..<Self.iterations {
            let base = records[Int.random(in: 0..<records.count, using: &random)]
            let other = records[Int.random(in: 0..<records.count, using: &random)]
            let input = Self.mutate(base, other: other, using: &random)
            do {
                try input.withUnsafeBytes { bytes in
                    let view = try RecordView(position: LogPosition(1), bytes: bytes)
                    // Every accessor of a view that parsed must be safe too.
                    _ = (view.type, view.stream, view.streamVersion, view.id, view.schemaVersion, view.recordedAt)
                    _ = try view.recordedEvent()
                }
                parsed += 1
            } catch is EventStoreError {
                refused += 1
            }
        }
        #expect(parsed + refused == Self.iterations)
        // The original records still decode (the mutations were of copies).
        for record in records {
            try record.withUnsafeBytes { bytes in _ = try RecordView(position: LogPosition(1), bytes: bytes).recordedEvent() }
        }
        print("fuzz: record decoder, \(Self.iterations) mutated inputs: \(refused) typed errors, \(parsed) parsed, no crash")
    }

    @Test func theJSONLinesImporterRefusesMutatedLinesWholeAndWritesNothing() async throws {
        let directory = try ScratchDirectory("fuzz-import")
        defer { directory.remove() }
        let (_, lines) = try await Self.sampleRecords(directory)
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        let store = try EventStore(path: directory.file("target"), configuration: configuration)
        defer { store.close() }
        var random = SystemRandomNumberGenerator()
        var imported = 0
        var refused = 0
        let iterations = max(1, Self.iterations / 10)
        for _ in 0..<iterations {
            let before = try store.head()
            // A short import of new events: a few valid lines and one mutated line, in one batch.
            var batch = (0..<Int.random(in: 0...3, using: &random)).map { _ in lines[Int.random(in: 0..<lines.count, using: &random)] }
            let base = Array(lines[Int.random(in: 0..<lines.count, using: &random)].utf8)
            let other = Array(lines[Int.random(in: 0..<lines.count, using: &random)].utf8)
            let mutated = Self.mutate(base, other: other, using: &random)
            batch.insert(String(decoding: mutated, as: UTF8.self), at: Int.random(in: 0...batch.count, using: &random))
            // Fresh ids for the valid lines, so that each import appends new events when it is accepted.
            batch = batch.map { line in
                guard let range = line.range(of: #""id":"[0-9a-f-]{36}""#, options: .regularExpression) else { return line }
                return line.replacingCharacters(in: range, with: "\"id\":\"\(EventID.make())\"")
            }
            do {
                let summary = try await store.importJSONLines(batch, mode: .appendAsNew)
                imported += 1
                #expect(try store.head().rawValue == before.rawValue + UInt64(summary.imported))
            } catch let error {
                refused += 1
                switch error {
                case .storage, .corruptRecord, .closed:
                    Issue.record("an import of a mutated line failed with \(error), not a refusal of the line")
                default:
                    #expect(try store.head() == before, "a refused import (\(error)) wrote part of its batch")
                }
            }
        }
        // Invalid UTF-8 in a file is an invalid line too, and writes nothing.
        let file = directory.file("invalid.jsonl")
        var bytes = Array((lines[0] + "\n").utf8)
        bytes.append(contentsOf: [0x7B, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D, 0x0A])
        #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
        let before = try store.head()
        await #expect(throws: EventStoreError.self) { try await store.importJSONLines(fromFile: file, mode: .appendAsNew) }
        #expect(try store.head() == before)
        #expect(try store.verify().isIntact)
        print("fuzz: JSON Lines importer, \(iterations) imports with a mutated line: \(refused) refused whole, \(imported) accepted, store verifies")
    }
}
