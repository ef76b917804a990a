import EventSourcing
import Foundation
import Testing

/// A counter aggregate: the sum of the numbers its events carry.
enum Tally: Aggregate {
    struct State: Codable, Sendable, Equatable {
        var total = 0
        var events = 0
    }
    static let name = "tally"
    static var snapshotInterval: UInt64 { 100 }
    static var initialState: State { State() }
    static func apply(_ event: RecordView, to state: inout State) throws {
        state.total += Int(String(decoding: event.payload, as: UTF8.self)) ?? 0
        state.events += 1
    }
}

/// The same aggregate name with a new state schema: old snapshots must be ignored.
enum TallyV2: Aggregate {
    typealias State = Tally.State
    static let name = "tally"
    static var snapshotSchemaVersion: UInt32 { 2 }
    static var snapshotInterval: UInt64 { 0 }
    static var initialState: State { State() }
    static func apply(_ event: RecordView, to state: inout State) throws { try Tally.apply(event, to: &state) }
}

@Suite("Aggregates")
struct AggregateTests {
    @Test func aLongStreamIsLoadedFromASnapshotThatALoadSavedByItself() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let counter = stream("counter-1")
        for chunk in 0..<10 {
            let events = (1...25).map { event("Added", "\(chunk * 25 + $0)") }
            try await store.append(events, to: counter)
        }
        // 1 + 2 + … + 250.
        let first = try await store.aggregate(Tally.self, stream: counter)
        #expect(first.state == Tally.State(total: 31_375, events: 250))
        #expect(first.version == 250)
        #expect(!first.fromSnapshot)
        #expect(first.eventsFolded == 250)
        try await store.append([event("Added", "1000")], to: counter)
        let second = try await store.aggregate(Tally.self, stream: counter)
        #expect(second.fromSnapshot)
        #expect(second.eventsFolded == 1)
        #expect(second.state == Tally.State(total: 32_375, events: 251))
        // Another schema version ignores the stored snapshot.
        let other = try await store.aggregate(TallyV2.self, stream: counter)
        #expect(!other.fromSnapshot)
        #expect(other.state == second.state)
    }

    @Test func anAggregateAsOfAPointFoldsOnlyWhatCameBefore() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let counter = stream("counter-2")
        for number in 1...40 {
            try await store.append([event("Added", "\(number)")], to: counter)
            try await store.append([event("Noise")], to: stream("other-\(number)"))
        }
        try await store.saveSnapshot(of: Tally.self, stream: counter)
        // Position 21 is the 11th event of the counter (odd positions).
        let past = try await store.aggregate(Tally.self, stream: counter, asOf: .position(21))
        #expect(past.state == Tally.State(total: 66, events: 11))
        #expect(past.version == 11)
        #expect(!past.fromSnapshot)  // the snapshot is newer than the point
        let now = try await store.aggregate(Tally.self, stream: counter)
        #expect(now.fromSnapshot)
        #expect(now.eventsFolded == 0)
        #expect(now.state == Tally.State(total: 820, events: 40))
        let empty = try await store.aggregate(Tally.self, stream: stream("counter-none"))
        #expect(empty.version == 0)
        #expect(empty.state == Tally.initialState)
    }
}
