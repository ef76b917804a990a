import EventSourcing
import Foundation
import LMDB
import Testing

@Suite("Reading")
struct EventStoreReadTests {
    /// Six events in three streams, recorded one second apart from t = 10 s.
    private func seeded(mergeThreshold: Int = 100_000) async throws -> (StoreFixture, TestClock) {
        let clock = TestClock(start: 10_000_000)
        let fixture = try StoreFixture {
            $0.clock = { clock.now() }
            $0.indexMergeThreshold = mergeThreshold
        }
        let plan: [(String, String, String)] = [
            ("customer-1", "CustomerRegistered", "c1"), ("opportunity-1", "OpportunityOpened", "o1"),
            ("customer-2", "CustomerRegistered", "c2"), ("opportunity-1", "OpportunityWon", "o1-won"),
            ("ticket-1", "TicketOpened", "t1"), ("customer-1", "CustomerTagged", "c1-vip"),
        ]
        for (name, type, payload) in plan {
            try await fixture.store.append([event(type, payload, actor: "tester")], to: stream(name))
            clock.advance(1_000_000)
        }
        return (fixture, clock)
    }

    @Test(arguments: [100_000, 2])
    func readsStreamsForwardBackwardAndFromAVersion(mergeThreshold: Int) async throws {
        let (fixture, _) = try await seeded(mergeThreshold: mergeThreshold)
        let store = fixture.store
        #expect(try await store.readStream(stream("customer-1")).map(text) == ["c1", "c1-vip"])
        #expect(try await store.readStream(stream("customer-1"), direction: .backward).map(text) == ["c1-vip", "c1"])
        #expect(try await store.readStream(stream("opportunity-1"), from: 2).map(text) == ["o1-won"])
        #expect(try await store.readStream(stream("opportunity-1"), from: 1, direction: .backward).map(text) == ["o1"])
        #expect(try await store.readStream(stream("customer-1"), limit: 1).map(text) == ["c1"])
        #expect(try await store.readStream(stream("nobody-1")).isEmpty)
        try fixture.reopen()
        #expect(try await fixture.store.readStream(stream("customer-1")).map(\.position) == [1, 6])
        #expect(try await fixture.store.version(of: stream("opportunity-1")) == 2)
    }

    @Test func envelopeFieldsRoundTrip() async throws {
        let fixture = try StoreFixture()
        let id = EventID.make()
        let correlation = EventID.make()
        let cause = EventID.make()
        let original = NewEvent(
            id: id, type: "CustomerRegistered", schemaVersion: 3, payload: [0, 1, 2, 255],
            occurredAt: Timestamp(secondsSince1970: 1_735_689_600), actor: "user-7", correlationID: correlation,
            causationID: cause, metadata: ["channel": "web", "ip": "192.0.2.1"])
        try await fixture.store.append([original], to: stream("customer-5"))
        let read = try #require(try await fixture.store.event(id: id))
        #expect(read.id == id)
        #expect(read.type == "CustomerRegistered")
        #expect(read.schemaVersion == 3)
        #expect(read.payload == [0, 1, 2, 255])
        #expect(read.occurredAt.description == "2025-01-01T00:00:00.000000Z")
        #expect(read.actor == "user-7")
        #expect(read.correlationID == correlation)
        #expect(read.causationID == cause)
        #expect(read.metadata == ["channel": "web", "ip": "192.0.2.1"])
        #expect(read.stream == stream("customer-5"))
        #expect(read.streamVersion == 1)
        #expect(read.position == 1)
    }

    @Test func readsTheLogByTypeCategoryAndTime() async throws {
        let (fixture, _) = try await seeded()
        let store = fixture.store
        let registered = try await store.readAll(filter: EventFilter(types: ["CustomerRegistered"]))
        #expect(registered.map(text) == ["c1", "c2"])
        let opportunities = try await store.readAll(filter: EventFilter(categories: ["opportunity"]))
        #expect(opportunities.map(text) == ["o1", "o1-won"])
        // Recorded at 10 s, 11 s, … 15 s: the window [12 s, 14 s) holds positions 3 and 4.
        let window = EventFilter(
            recordedFrom: Timestamp(secondsSince1970: 12), recordedBefore: Timestamp(secondsSince1970: 14))
        #expect(try await store.readAll(filter: window).map(\.position) == [3, 4])
        #expect(try await store.readAll(after: 4).map(\.position) == [5, 6])
        #expect(try await store.readAll(after: 1, limit: 2).map(\.position) == [2, 3])
        let figures = try store.read { snapshot throws in
            (
                try snapshot.firstPosition(recordedAtOrAfter: Timestamp(rawValue: 12_500_000)),
                try snapshot.firstPosition(recordedAtOrAfter: Timestamp(secondsSince1970: 99)),
                try snapshot.count(),
                try snapshot.count(filter: EventFilter(types: ["CustomerRegistered", "TicketOpened"]))
            )
        }
        #expect(figures.0 == 4)
        #expect(figures.1 == nil)
        #expect(figures.2 == 6)
        #expect(figures.3 == 3)
    }

    @Test(arguments: [100_000, 2])
    func listsStreamsByCategory(mergeThreshold: Int) async throws {
        let (fixture, _) = try await seeded(mergeThreshold: mergeThreshold)
        #expect(try await fixture.store.streams(inCategory: "customer") == [stream("customer-1"), stream("customer-2")])
        #expect(try await fixture.store.streams(inCategory: "ticket") == [stream("ticket-1")])
        #expect(try await fixture.store.streams(inCategory: "cust").isEmpty)
        #expect(try fixture.store.read { try $0.allStreams() }.count == 4)
    }

    @Test func eventsOfUnknownTypesAreKeptAndPassedOnRaw() async throws {
        let fixture = try StoreFixture()
        let bytes: [UInt8] = (0..<200).map { UInt8($0) }
        try await fixture.store.append(
            [NewEvent(type: "FromTheFuture", schemaVersion: 9, payloadCodec: PayloadCodecID(rawValue: 200), payload: bytes)],
            to: stream("x-1"))
        try fixture.reopen()
        let read = try await fixture.store.readAll()
        #expect(read.count == 1)
        #expect(read[0].type == "FromTheFuture")
        #expect(read[0].payload == bytes)
        #expect(read[0].payloadCodec.rawValue == 200)
    }

    @Test func aCorruptRecordIsATypedError() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.append([event("A", "fine"), event("B", "soon broken")], to: stream("s-1"))
        let environment = fixture.store.environment
        try overwrite(environment, position: 2, with: [0x52, 0x01, 0x00])
        do {
            _ = try await fixture.store.readAll()
            Issue.record("expected corruptRecord")
        } catch {
            guard case .corruptRecord(let position, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(position == 2)
            #expect(reason.contains("3 bytes"))
        }
        #expect(try await fixture.store.readAll(limit: 1).map(text) == ["fine"])
    }

    @Test func aStoreFromANewerFormatIsRefused() throws {
        let fixture = try StoreFixture()
        try setFormat(fixture.store.environment, to: 99)
        fixture.store.close()
        do {
            _ = try EventStore(path: fixture.directory, configuration: fixture.configuration)
            Issue.record("expected unsupportedFormat")
        } catch {
            #expect(error == .unsupportedFormat(found: 99, supported: 1))
        }
    }

    @Test func readOnlyStoresReadButRefuseAppends() async throws {
        let (fixture, _) = try await seeded()
        fixture.store.close()
        var configuration = EventStoreConfiguration()
        configuration.readOnly = true
        let readOnly = try EventStore(path: fixture.directory, configuration: configuration)
        defer { readOnly.close() }
        #expect(try await readOnly.readAll().count == 6)
        await #expect(throws: EventStoreError.self) {
            try await readOnly.append([event("X")], to: stream("s-1"))
        }
    }
}

private func overwrite(_ environment: Environment, position: UInt64, with bytes: [UInt8]) throws {
    let events = try environment.openDatabase("events")
    try environment.write { txn in
        try txn.put(events, key: withUnsafeBytes(of: position.bigEndian) { Array($0) }, value: bytes)
    }
}

private func setFormat(_ environment: Environment, to version: UInt32) throws {
    let meta = try environment.openDatabase("meta")
    try environment.write { txn in
        try txn.put(meta, key: Array("format".utf8), value: withUnsafeBytes(of: version.littleEndian) { Array($0) })
    }
}

@Suite("Closing")
struct ClosingTests {
    @Test func aClosedStoreSaysSo() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.append([event("A")], to: stream("s-1"))
        fixture.store.close()
        await #expect(throws: EventStoreError.closed) { try await fixture.store.append([event("B")], to: stream("s-1")) }
        await #expect(throws: EventStoreError.closed) { try await fixture.store.readAll() }
    }
}
