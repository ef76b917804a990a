import EventSourcing
import Foundation
import Testing

/// Per stream: the stream versions seen, in order (a record that grows with each event, changed in place), with the
/// checks a projection can make on its records while it applies.
private struct VersionLists: Projection {
    var name = "version-lists"
    var version: UInt32 = 1

    struct Broken: Error, CustomStringConvertible {
        var description: String
    }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<[UInt64]>) throws {
        let key = event.stream.rawValue
        // A copy taken before an in-place change keeps what it saw: the records are a value.
        var before = records
        let seen = try before.value(forKey: key)
        try records.update(key, default: []) { $0.append(event.streamVersion) }
        guard try before.value(forKey: key) == seen else { throw Broken(description: "a copy saw a later change") }
        guard try records.value(forKey: key) == (seen ?? []) + [event.streamVersion] else {
            throw Broken(description: "the update was lost")
        }
        // An update of a key with no record runs nothing and says so; of a key with one, changes it.
        let missing = "missing-" + key
        guard try !records.updateIfPresent(missing, { $0.append(0) }), try records.value(forKey: missing) == nil else {
            throw Broken(description: "updateIfPresent made a record")
        }
        // A read that lends the value changes nothing: not the value, not the count of changes, not a copy; a body
        // that throws leaves the value where it was.
        let expected = (seen ?? []) + [event.streamVersion]
        let changes = records.changedCount
        var copy = records
        guard try records.withValue(forKey: key, \.count) == expected.count,
            try records.withValue(forKey: missing, \.count) == nil, records.changedCount == changes
        else { throw Broken(description: "withValue changed what it read") }
        do {
            _ = try records.withValue(forKey: key) { _ in throw Broken(description: "refused") }
            throw Broken(description: "withValue swallowed an error")
        } catch let error as Broken where error.description == "refused" {}
        guard try records.value(forKey: key) == expected, try copy.value(forKey: key) == expected else {
            throw Broken(description: "withValue lost the value")
        }
        if event.streamVersion % 2 == 0 {
            guard try records.updateIfPresent(key, { $0.append(0) }) else { throw Broken(description: "no record") }
            try records.update(key, default: []) { $0.removeLast() }
        }
    }
}

/// Per key (the payload, as text): how many `Bump` events named it; a `Read` event reads its key and changes nothing.
private struct BumpCounts: Projection {
    var name = "bump-counts"
    var version: UInt32 = 1

    func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        let key = String(decoding: event.payload, as: UTF8.self)
        if event.type == "Bump" { try records.update(key, default: 0) { $0 += 1 } } else { _ = try records.value(forKey: key) }
    }
}

@Suite("Projection records")
struct ProjectionRecordsTests {
    /// Between batches a projection's records stay in memory while they are few; when a batch held more than 50,000
    /// but changed at most that many, only the changed ones stay (with their values), and the next batch reads the
    /// others again from the database. Three batches of 60,010, 60,010 and 2,020 events: the first bumps 60,000
    /// keys (too many changes to keep any); the second reads them all and bumps ten (so those ten stay); the third
    /// bumps those ten (kept) and ten more (read again), and reads 2,000.
    @Test func recordsKeptBetweenBatchesAreTheChangedOnesWithTheirValues() async throws {
        let batch = 60_010
        let fixture = try StoreFixture {
            $0.projectionBatchSize = batch
            $0.projectionRebuildBatchSize = batch
        }
        let store = fixture.store
        func key(_ index: Int) -> [UInt8] { Array("k\(index)".utf8) }
        var events = (0..<60_000).map { NewEvent(type: "Bump", payload: key($0)) }
        events += (0..<10).map { NewEvent(type: "Read", payload: key($0)) }
        events += (0..<60_000).map { NewEvent(type: "Read", payload: key($0)) }
        events += (0..<10).map { NewEvent(type: "Bump", payload: key($0)) }
        // More than the 2,000 events a commit applies of those appended meanwhile: a batch of its own.
        events += (0..<20).map { NewEvent(type: "Bump", payload: key($0)) }
        events += (20..<2_020).map { NewEvent(type: "Read", payload: key($0)) }
        var last = LogPosition.start
        for start in stride(from: 0, to: events.count, by: 10_000) {
            let part = Array(events[start..<min(start + 10_000, events.count)])
            last = try await store.append(part, to: try StreamName("bumps-\(start)")).lastPosition
        }
        try await store.addProjection(BumpCounts(), mode: .async)
        try await store.waitForProjection("bump-counts", toReach: last)
        let counts = try allValues(of: BumpCounts(), in: store)
        #expect(counts.count == 60_000)
        #expect((0..<10).map { counts["k\($0)"] } == Array(repeating: 3, count: 10))
        #expect((10..<20).map { counts["k\($0)"] } == Array(repeating: 2, count: 10))
        #expect(counts.filter { $0.value != 1 }.count == 20)
    }

    @Test func updatesChangeInPlaceAcrossBatchesAndCopiesKeepWhatTheySaw() async throws {
        let fixture = try StoreFixture {
            $0.projectionBatchSize = 7
            $0.projectionRebuildBatchSize = 7
        }
        let store = fixture.store
        var last = LogPosition.start
        for round in 0..<20 {
            for stream in ["a", "b", "c"] where round % 3 != 0 || stream != "c" {
                last = try await store.append([NewEvent(type: "Tick", payload: [])], to: try StreamName("s-\(stream)")).lastPosition
            }
        }
        try await store.addProjection(VersionLists(), mode: .async)
        try await store.waitForProjection("version-lists", toReach: last)
        // Streams a and b got 20 events, c got 13 (rounds not divisible by 3): each list counts 1 through its length.
        #expect(try allValues(of: VersionLists(), in: store) == [
            "s-a": Array(1...20), "s-b": Array(1...20), "s-c": Array(1...13),
        ])
        try await store.rebuildProjection("version-lists")
        #expect(try allValues(of: VersionLists(), in: store)["s-c"] == Array(1...13))
    }
}
