import EventSourcing
import Foundation
import Testing

/// Counts the events it is fed by type and stream category (`<type>|<category>`): what its filter let through.
private struct FedCounts: Projection {
    var name: String
    var version: UInt32 = 1
    var eventTypes: Set<String>
    var categories: Set<String>

    func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        let category = event.stream.rawValue.split(separator: "-").first.map(String.init) ?? ""
        try records.update(event.type + "|" + category, default: 0) { $0 += 1 }
    }
}

/// `count` events of types `types` in streams of categories `x`, `y` and `z`, drawn from a seeded generator.
private func mixedHistory(count: Int, types: [String], seed: UInt64) throws -> [(StreamName, NewEvent)] {
    var generator = SeededGenerator(seed: seed)
    return try (0..<count).map { _ in
        let type = types[Int.random(in: 0..<types.count, using: &generator)]
        let category = ["x", "y", "z"][Int.random(in: 0..<3, using: &generator)]
        let stream = try StreamName("\(category)-\(Int.random(in: 0..<5, using: &generator))")
        return (stream, NewEvent(type: type, payload: Array(type.utf8)))
    }
}

/// What `projection`'s filter lets through of `history`, counted by the test's own reading of the filter.
private func expectedCounts(_ projection: FedCounts, _ history: [(StreamName, NewEvent)]) -> [String: Int] {
    var counts: [String: Int] = [:]
    for (stream, event) in history {
        let category = String(stream.rawValue.prefix { $0 != "-" })
        guard projection.eventTypes.isEmpty || projection.eventTypes.contains(event.type) else { continue }
        guard projection.categories.isEmpty || projection.categories.contains(category) else { continue }
        counts[event.type + "|" + category, default: 0] += 1
    }
    return counts
}

/// Projections read together (one read of the log feeding each record to all of them, on one thread or in lanes)
/// tell which records their filters take by a number the read gives each type name; each must still be fed exactly
/// what its own filter takes, through reads that meet the types in different orders.
@Suite("Projection filters in a group")
struct ProjectionFilterTests {
    fileprivate static let projections = [
        FedCounts(name: "a-and-b", eventTypes: ["A", "B"], categories: []),
        FedCounts(name: "b-and-c-in-x", eventTypes: ["B", "C"], categories: ["x"]),
        FedCounts(name: "all-in-y-and-z", eventTypes: [], categories: ["y", "z"]),
        FedCounts(name: "only-f", eventTypes: ["F"], categories: []),
        FedCounts(name: "everything", eventTypes: [], categories: []),
    ]

    /// On one thread in batches of 370 events (27 reads), and in lanes on two threads (batches of 4,096 or more).
    @Test(arguments: [(1, 370), (2, 100_000)])
    func eachMemberIsFedExactlyWhatItsFilterTakes(threads: Int, batch: Int) async throws {
        let fixture = try StoreFixture {
            $0.projectionBatchSize = batch
            $0.projectionRebuildBatchSize = batch
            $0.projectionThreads = threads
        }
        let store = fixture.store
        var history = try mixedHistory(count: 5_000, types: ["A", "B", "C", "D"], seed: 11)
        var last = try await appendInChunks(history, size: 1_000, to: store)
        for projection in Self.projections { try await store.addProjection(projection, mode: .async) }
        for projection in Self.projections { try await store.waitForProjection(projection.name, toReach: last) }
        try await store.rebuildProjections(Self.projections.map(\.name))
        for projection in Self.projections {
            #expect(try allValues(of: projection, in: store) == expectedCounts(projection, history), "\(projection.name)")
        }
        // New types, met first in later reads, and the old ones in another order.
        let more = try mixedHistory(count: 4_500, types: ["F", "D", "E", "C", "B", "A"], seed: 12)
        history += more
        last = try await appendInChunks(more, size: 4_500, to: store)
        for projection in Self.projections { try await store.waitForProjection(projection.name, toReach: last) }
        for projection in Self.projections {
            #expect(try allValues(of: projection, in: store) == expectedCounts(projection, history), "\(projection.name)")
        }
        #expect(try allValues(of: Self.projections[3], in: store).values.reduce(0, +) == history.filter { $0.1.type == "F" }.count)
    }
}
