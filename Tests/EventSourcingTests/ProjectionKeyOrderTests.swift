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
        await propertyCheck(count: 40, input: key.array(of: 1...80)) { keys in await recordingErrors { await recordingErrors {
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
        }} }
    }
}
