import EventSourcing
import Foundation
import PropertyBased
import Testing

/// Field differences, log queries, recorded projections and as-of positions: what inspection tools read.
@Suite("Log inspection")
struct LogInspectionTests {
    private func object(_ pairs: KeyValuePairs<String, PayloadValue>) -> PayloadValue {
        .object(pairs.map { PayloadField(key: $0.key, value: $0.value) })
    }

    @Test func differencesNameEachChangedLeaf() {
        let before = object([
            "name": .string("Ada"), "address": object(["city": .string("Turku"), "zip": .string("20100")]),
            "tags": .array([.string("a"), .string("b")]), "gone": .int(1), "empty": .null,
        ])
        let after = object([
            "address": object(["zip": .string("20100"), "city": .string("Espoo")]), "name": .string("Ada"),
            "tags": .array([.string("a"), .string("c"), .string("d")]), "new": .bool(true),
        ])
        #expect(after.differences(from: before) == [
            PayloadDifference(path: "address.city", old: .string("Turku"), new: .string("Espoo")),
            PayloadDifference(path: "tags[1]", old: .string("b"), new: .string("c")),
            PayloadDifference(path: "tags[2]", old: nil, new: .string("d")),
            PayloadDifference(path: "new", old: nil, new: .bool(true)),
            PayloadDifference(path: "gone", old: .int(1), new: nil),
        ])
        #expect(after.differences(from: after).isEmpty)
        // Added whole: field by field, an empty array as one value.
        let added = object(["profile": object(["name": .string("Ada"), "tags": .array([]), "none": .null])])
        #expect(added.differences(from: .object([])) == [
            PayloadDifference(path: "profile.name", old: nil, new: .string("Ada")),
            PayloadDifference(path: "profile.tags", old: nil, new: .array([])),
        ])
        #expect(PayloadValue.object([]).differences(from: added).map(\.path) == ["profile.name", "profile.tags"])
        #expect(PayloadValue.int(2).differences(from: .string("2")) == [PayloadDifference(path: "", old: .string("2"), new: .int(2))])
    }

    /// Applying the differences to the old value gives the new one (for flat objects of generated fields).
    @Test func differencesTakeTheOldValueToTheNew() async {
        let fields = zip(Gen.letter.string(of: 1...3), Gen.int(in: 0...3)).array(of: 0...6)
        await propertyCheck(count: 200, input: fields, fields) { old, new in await recordingErrors {
            func value(_ pairs: [(String, Int)]) -> [String: Int] { Dictionary(pairs, uniquingKeysWith: { _, last in last }) }
            let before = value(old)
            let after = value(new)
            let differences = PayloadValue.object(after.map { PayloadField(key: $0.key, value: .int(Int64($0.value))) })
                .differences(from: .object(before.map { PayloadField(key: $0.key, value: .int(Int64($0.value))) }))
            var applied = before
            for difference in differences {
                applied[difference.path] = difference.new?.intValue.map { Int($0) }
            }
            #expect(applied == after)
            #expect(differences.count == Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.count)
        } }
    }

    @Test func queriesCombineStreamsActorsPositionsAndALimit() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        for number in 1...20 {
            let stream = try StreamName(number % 2 == 0 ? "ticket-\(number % 3)" : "customer-\(number % 4)")
            let event = try NewEvent(TicketOpened(customer: "c\(number)"), actor: number % 5 == 0 ? "usr-5" : "usr-1")
            try await store.append([event], to: stream)
        }
        let all = try await store.readAll()
        func run(_ query: LogQuery) throws -> [LogPosition] { try store.read { try $0.events(matching: query) }.map(\.position) }
        #expect(try run(LogQuery()) == all.map(\.position))
        #expect(try run(LogQuery(actors: ["usr-5"])) == all.filter { $0.actor == "usr-5" }.map(\.position))
        #expect(try run(LogQuery(actors: ["usr-5"])) == [5, 10, 15, 20])
        let tickets = try StreamName("ticket-1")
        #expect(try run(LogQuery(streams: [tickets])) == all.filter { $0.stream == tickets }.map(\.position))
        #expect(try run(LogQuery(filter: EventFilter(categories: ["customer"]), after: 4, through: 13, limit: 3)) == [5, 7, 9])
        #expect(try run(LogQuery(limit: 0)).isEmpty)
    }

    @Test func recordedProjectionsAndAsOfPositionsAreReadWithoutTheProjectionsCode() async throws {
        let fixture = try StoreFixture { $0.clock = { Timestamp(secondsSince1970: 1_000) } }
        let store = fixture.store
        let stream = try StreamName("customer-1")
        for _ in 1...3 { try await store.append([try NewEvent(TicketOpened(customer: "a"))], to: stream) }
        try await store.addProjection(OpenTickets(), mode: .inline)
        try await store.waitForProjection("open-tickets", toReach: LogPosition(3))
        try fixture.reopen()
        // Reopened without the projection: its checkpoint is still read.
        try await fixture.store.append([try NewEvent(TicketOpened(customer: "b"))], to: stream)
        let recorded = try fixture.store.read { try $0.recordedProjections() }
        #expect(recorded == [RecordedProjection(name: "open-tickets", servingVersion: 1, position: 3, head: 4)])
        #expect(recorded.first?.lag == 1)
        let cuts = try fixture.store.read { snapshot in
            try [
                snapshot.lastPosition(asOf: .position(2)), snapshot.lastPosition(asOf: .position(99)),
                snapshot.lastPosition(asOf: .time(Timestamp(secondsSince1970: 999))),
                snapshot.lastPosition(asOf: .time(Timestamp(secondsSince1970: 1_000))),
            ]
        }
        #expect(cuts == [2, 4, 0, 4])
    }
}
