import EventSourcing
import Foundation
import Testing

/// A log position as a projection's value; one made to refuse encoding makes a write fail part-way.
private struct Stamp: Codable, Sendable, Hashable {
    var position: UInt64
    /// Whether encoding it throws (not stored: a decoded stamp never refuses).
    var refuses = false

    init(position: UInt64, refuses: Bool = false) { (self.position, self.refuses) = (position, refuses) }

    init(from decoder: any Decoder) throws {
        position = try decoder.singleValueContainer().decode(UInt64.self)
    }

    func encode(to encoder: any Encoder) throws {
        guard !refuses else {
            throw EncodingError.invalidValue(position, .init(codingPath: [], debugDescription: "this stamp does not encode"))
        }
        var container = encoder.singleValueContainer()
        try container.encode(position)
    }
}

/// One record per event (`k-<position>`), and every seventh event removes the record of the event before it: many
/// more changes than a write chunk, removals among them. With `refusing`, the stamp of that position does not encode.
private struct Stamps: Projection {
    var name = "stamps"
    var version: UInt32 = 1
    var refusing: UInt64?

    func apply(_ event: RecordView, to records: inout ProjectionRecords<Stamp>) throws {
        let position = event.position.rawValue
        records.set(Stamp(position: position, refuses: position == refusing), forKey: "k-\(position)")
        if position % 7 == 0 { records.removeValue(forKey: "k-\(position - 1)") }
    }
}

/// What ``Stamps`` holds after `count` events, computed without the store.
private func expectedStamps(_ count: UInt64) -> [String: Stamp] {
    var values: [String: Stamp] = [:]
    for position in 1...count {
        values["k-\(position)"] = Stamp(position: position)
        if position % 7 == 0 { values["k-\(position - 1)"] = nil }
    }
    return values
}

/// Appends `count` events of one type, in appends of 1,000.
private func appendThings(_ count: Int, to store: EventStore) async throws -> LogPosition {
    var last = LogPosition.start
    for start in stride(from: 0, to: count, by: 1_000) {
        let events = (start..<min(start + 1_000, count)).map { _ in NewEvent(type: "Thing", payload: Array("x".utf8)) }
        last = try await store.append(events, to: try StreamName("thing-\(start / 1_000)")).lastPosition
    }
    return last
}

/// A long write encodes its records on another thread, a chunk ahead of the puts, when the store runs projections
/// on several threads: what it writes is what a write on one thread writes.
@Suite("Projection writes encoded ahead")
struct ProjectionWriteAheadTests {
    @Test(arguments: [1, 2])
    func aLongWriteStoresWhatApplyingTheLogGivesWithAnyNumberOfThreads(threads: Int) async throws {
        let fixture = try StoreFixture {
            $0.projectionThreads = threads
            $0.projectionBatchSize = 100_000
            // The rebuild's 6,000 changes (5,143 records, 857 removals) go in parts: 0..<2,500 and 2,500..<5,000
            // in chunks of 1,024 encoded ahead, the last 1,000 in the final commit on one thread.
            $0.projectionRebuildCommitRecords = 2_500
        }
        let store = fixture.store
        let last = try await appendThings(6_000, to: store)
        try await store.addProjection(Stamps(), mode: .async)
        try await store.waitForProjection("stamps", toReach: last)
        let expected = expectedStamps(6_000)
        #expect(expected.count == 6_000 - 857)
        #expect(try allValues(of: Stamps(), in: store) == expected)
        try await store.rebuildProjections(["stamps"])
        #expect(try allValues(of: Stamps(), in: store) == expected)
        #expect(try store.projectionStatus("stamps").position == last)
    }

    @Test(arguments: [1, 2])
    func aRecordThatDoesNotEncodeFailsTheProjectionAndWritesNothing(threads: Int) async throws {
        let fixture = try StoreFixture {
            $0.projectionThreads = threads
            $0.projectionBatchSize = 100_000
        }
        let store = fixture.store
        let last = try await appendThings(6_000, to: store)
        // "k-4321" is the 3,693rd of the 6,000 changes in key order: in the fourth chunk of 1,024, encoded ahead.
        try await store.addProjection(Stamps(refusing: 4_321), mode: .async)
        await #expect(throws: EventStoreError.self) { try await store.waitForProjection("stamps", toReach: last) }
        let status = try store.projectionStatus("stamps")
        #expect(status.failure?.reason.contains("this stamp does not encode") == true)
        #expect(status.position == .start)
        #expect(try allValues(of: Stamps(), in: store).isEmpty)
    }
}
