import EventSourcing
import Foundation
import Testing

@Suite("Projection prefix reads")
struct ProjectionPrefixReadTests {
    /// A store whose `open-tickets` projection has one ticket open for each of `customers`.
    func store(customers: [String]) async throws -> StoreFixture {
        let fixture = try StoreFixture()
        try await fixture.store.addProjection(OpenTickets(), mode: .inline)
        for customer in customers {
            try await fixture.store.append([try NewEvent(TicketOpened(customer: customer))], to: try StreamName("ticket-" + customer))
        }
        return fixture
    }

    /// The keys `forEachValue(of:withPrefix:)` visits.
    func keys(withPrefix prefix: String, in store: EventStore, stopAfter limit: Int = .max) throws -> [String] {
        try store.read { snapshot in
            var keys: [String] = []
            try snapshot.forEachValue(of: OpenTickets(), withPrefix: prefix) { key, value in
                #expect(value == 1)
                keys.append(key)
                return keys.count < limit
            }
            return keys
        }
    }

    @Test func itVisitsExactlyTheKeysWithThePrefixInByteOrder() async throws {
        let fixture = try await store(customers: ["c2", "c10", "b9", "c1", "c1|x", "d1", "c", "é1"])
        let store = fixture.store
        #expect(try keys(withPrefix: "c1", in: store) == ["c1", "c10", "c1|x"])
        #expect(try keys(withPrefix: "c", in: store) == ["c", "c1", "c10", "c1|x", "c2"])
        #expect(try keys(withPrefix: "é", in: store) == ["é1"])
        #expect(try keys(withPrefix: "a", in: store) == [])
        #expect(try keys(withPrefix: "z", in: store) == [])
        #expect(try keys(withPrefix: "c", in: store, stopAfter: 2) == ["c", "c1"])
    }

    @Test func itAgreesWithFilteringEveryValue() async throws {
        var generator = SeededGenerator(seed: 11)
        let alphabet = Array("ab|")
        let customers = (0..<60).map { _ in String((0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" }) }
        let fixture = try await store(customers: Array(Set(customers)))
        let all = try allValues(of: OpenTickets(), in: fixture.store)
        for prefix in ["", "a", "ab", "b|", "|", "ba", "aab"] {
            let expected = all.keys.filter { $0.utf8.starts(with: prefix.utf8) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            #expect(try keys(withPrefix: prefix, in: fixture.store) == expected, "prefix \(prefix)")
        }
    }
}
