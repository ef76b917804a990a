import EventSourcing
import Foundation
import PropertyBased
import Testing

/// Each event's payload, as text, is the key of a record holding the event's position.
private struct PositionsByKey: Projection {
    var name = "positions-by-key"
    var version: UInt32 = 1

    func apply(_ event: RecordView, to records: inout ProjectionRecords<UInt64>) throws {
        records.set(event.position.rawValue, forKey: String(decoding: event.payload, as: UTF8.self))
    }
}

/// A batch's changes are written in the keys' byte order, which a write into an empty database relies on (it appends
/// them, and LMDB refuses a key appended out of order): keys sharing long prefixes, keys that are prefixes of others,
/// keys with zero bytes and bytes above 127, shorter and longer than the 16 bytes the sort looks at first.
@Suite("Projection key order (property-based)")
struct ProjectionKeyOrderTests {
    @Test func anyKeysAreWrittenInTheirByteOrderAndReadBack() async throws {
        let piece = Gen.oneOf(
            Gen.always("\u{0}"), Gen.always("a"), Gen.always("b"), Gen.always("\u{7f}"), Gen.always("é"),
            Gen.always("customer-0000"), Gen.always("customer-000"), Gen.always("|2026-01-0"))
        let key = piece.array(of: 1...6).map { $0.joined() }
        await propertyCheck(count: 40, input: key.array(of: 1...80)) { keys in await recordingErrors {
            let fixture = try StoreFixture()
            let store = fixture.store
            let events = keys.map { NewEvent(type: "Keyed", payload: Array($0.utf8)) }
            let last = try await store.append(events, to: try StreamName("keys-1")).lastPosition
            var expected: [String: UInt64] = [:]
            for (offset, key) in keys.enumerated() { expected[key] = UInt64(offset + 1) }
            try await store.addProjection(PositionsByKey(), mode: .async)
            try await store.waitForProjection("positions-by-key", toReach: last)
            #expect(try allValues(of: PositionsByKey(), in: store) == expected)
            // A rebuild writes them all into its empty slot: appended, in order.
            try await store.rebuildProjection("positions-by-key")
            #expect(try allValues(of: PositionsByKey(), in: store) == expected)
            #expect(try store.projectionStatus("positions-by-key").failure == nil)
        } }
    }

    /// Long writes on two threads (chunks of 1,024 encoded ahead): into an empty slot (appended), then changes of
    /// which some keys are above every stored key (appended from where they start) and some are not, then a
    /// rebuild; the records are what the events give, every time.
    @Test func longWritesAppendWhereTheyCanAndPutWhereTheyMust() async throws {
        let fixture = try StoreFixture {
            $0.projectionThreads = 2
            $0.projectionBatchSize = 100_000
        }
        let store = fixture.store
        var generator = SeededGenerator(seed: 21)
        let parts = ["customer-000", "customer-0000", "|2026-01-0", "a", "\u{0}", "é"]
        func key(_ prefix: String) -> String {
            var key = prefix
            for _ in 0..<Int.random(in: 1...5, using: &generator) { key += parts[Int.random(in: 0..<parts.count, using: &generator)] }
            return key
        }
        var keys: [String] = []
        for _ in 0..<3_000 { keys.append(key("k")) }
        var expected: [String: UInt64] = [:]
        func append(_ batch: [String]) async throws -> LogPosition {
            let first = keys.count - batch.count
            for (offset, key) in batch.enumerated() { expected[key] = UInt64(first + offset + 1) }
            return try await store.append(
                batch.map { NewEvent(type: "Keyed", payload: Array($0.utf8)) }, to: try StreamName("keys-1")).lastPosition
        }
        var last = try await append(keys)
        try await store.addProjection(PositionsByKey(), mode: .async)
        try await store.waitForProjection("positions-by-key", toReach: last)
        #expect(try allValues(of: PositionsByKey(), in: store) == expected)
        // Keys above every stored one ("l…" and "~…"), and stored keys changed again.
        var more: [String] = []
        for index in 0..<3_000 {
            switch index % 3 {
            case 0: more.append(keys[index])
            case 1: more.append(key("l"))
            default: more.append(key("~"))
            }
        }
        keys += more
        last = try await append(more)
        try await store.waitForProjection("positions-by-key", toReach: last)
        #expect(try allValues(of: PositionsByKey(), in: store) == expected)
        try await store.rebuildProjection("positions-by-key")
        #expect(try allValues(of: PositionsByKey(), in: store) == expected)
        #expect(try store.projectionStatus("positions-by-key").failure == nil)
    }
}
