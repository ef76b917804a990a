import EventSourcing
import Foundation
import LMDB
import Synchronization
import Testing

@Suite("Appending")
struct EventStoreAppendTests {
    @Test func appendsGetGapFreePositionsAndStreamVersions() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let a = try await store.append([event("Opened", "a1"), event("Noted", "a2")], to: stream("ticket-1"))
        let b = try await store.append([event("Opened", "b1")], to: stream("ticket-2"))
        let c = try await store.append([event("Closed", "a3")], to: stream("ticket-1"))
        #expect(a.positions == [1, 2])
        #expect(b.positions == [3])
        #expect(c.positions == [4])
        #expect(c.streamVersions == [stream("ticket-1"): 3])
        let history = try await store.readStream(stream("ticket-1"))
        #expect(history.map(text) == ["a1", "a2", "a3"])
        #expect(history.map(\.streamVersion) == [1, 2, 3])
        #expect(history.map(\.position) == [1, 2, 4])
        #expect(try store.head() == 4)
    }

    @Test(arguments: [
        (ExpectedVersion.noStream, UInt64(0), true), (.noStream, 2, false),
        (.streamExists, 0, false), (.streamExists, 2, true),
        (.exactly(2), 2, true), (.exactly(1), 2, false), (.exactly(0), 0, true),
        (.any, 0, true), (.any, 5, true),
    ])
    func expectedVersions(expected: ExpectedVersion, existing: UInt64, accepted: Bool) async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let name = stream("order-1")
        if existing > 0 {
            try await store.append((0..<existing).map { event("Line", "\($0)") }, to: name)
        }
        do {
            let result = try await store.append([event("Line", "new")], to: name, expecting: expected)
            #expect(accepted)
            #expect(result.streamVersions[name] == existing + 1)
        } catch {
            #expect(!accepted)
            #expect(error == .wrongExpectedVersion(stream: name, expected: expected, actual: existing))
            #expect(error.description.contains("order-1"))
        }
        #expect(try await store.version(of: name) == existing + (accepted ? 1 : 0))
    }

    @Test func multiStreamAppendIsAtomic() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.append([event("Registered")], to: stream("customer-1"))
        let failing = [
            StreamWrite(stream: stream("customer-2"), expectedVersion: .noStream, events: [event("Registered")]),
            StreamWrite(stream: stream("customer-1"), expectedVersion: .noStream, events: [event("Merged")]),
        ]
        await #expect(throws: EventStoreError.wrongExpectedVersion(stream: stream("customer-1"), expected: .noStream, actual: 1)) {
            try await store.append(failing)
        }
        #expect(try await store.version(of: stream("customer-2")) == 0)
        #expect(try store.head() == 1)

        let succeeding = [
            StreamWrite(stream: stream("customer-2"), expectedVersion: .noStream, events: [event("Registered")]),
            StreamWrite(stream: stream("customer-1"), expectedVersion: .exactly(1), events: [event("Merged"), event("Tagged")]),
        ]
        let result = try await store.append(succeeding)
        #expect(result.positions == [2, 3, 4])
        #expect(result.streamVersions == [stream("customer-2"): 1, stream("customer-1"): 3])
    }

    @Test func retriedAppendReturnsTheOriginalPositionsAlsoAfterReopenAndMerge() async throws {
        let fixture = try StoreFixture { $0.indexMergeThreshold = 3 }
        let first = event("Registered", "x")
        let second = event("Tagged", "y")
        let original = try await fixture.store.append([first, second], to: stream("customer-9"), expecting: .noStream)
        for i in 0..<5 { try await fixture.store.append([event("Noise", "\(i)")], to: stream("other-\(i)")) }

        let retry = try await fixture.store.append([first, second], to: stream("customer-9"), expecting: .noStream)
        #expect(retry.wasAlreadyRecorded)
        #expect(retry.positions == original.positions)
        #expect(retry.streamVersions == [stream("customer-9"): 2])

        try fixture.reopen()
        let afterReopen = try await fixture.store.append([first, second], to: stream("customer-9"), expecting: .noStream)
        #expect(afterReopen.positions == [1, 2])
        #expect(afterReopen.wasAlreadyRecorded)
        #expect(try fixture.store.head() == 7)
    }

    @Test func idsBelowAndAboveTheIndexedOnesStayIdempotentAcrossMerges() async throws {
        // Ids in any order: the writer skips the event-ids probe only for ids above every indexed one, and the
        // merge appends only those.
        func id(_ byte: UInt8) -> EventID {
            EventID(UUID(uuid: (byte, 0, 0, 0, 0, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, byte)))
        }
        let fixture = try StoreFixture { $0.indexMergeThreshold = 2 }
        let order: [UInt8] = [0x80, 0x90, 0x10, 0xF0, 0x20, 0x85]
        for (index, byte) in order.enumerated() {
            try await fixture.store.append([event("Tagged", "\(index)", id: id(byte))], to: stream("customer-\(index)"))
        }
        try fixture.reopen()
        for (index, byte) in order.enumerated() {
            let retry = try await fixture.store.append([event("Tagged", "\(index)", id: id(byte))], to: stream("customer-\(index)"))
            #expect(retry.wasAlreadyRecorded)
            #expect(retry.positions == [LogPosition(UInt64(index + 1))])
        }
        #expect(try fixture.store.head() == LogPosition(UInt64(order.count)))
        for (index, byte) in order.enumerated() {
            #expect(try fixture.store.read { try $0.event(id: id(byte))?.position } == LogPosition(UInt64(index + 1)))
        }
    }

    @Test func sameIDWithOtherContentOrPartialRetryIsRejected() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let id = EventID.make()
        try await store.append([event("Registered", "Ada", id: id)], to: stream("customer-1"))
        await #expect(throws: EventStoreError.duplicateEventID(id, recordedAt: 1)) {
            try await store.append([event("Registered", "Grace", id: id)], to: stream("customer-1"))
        }
        let fresh = EventID.make()
        do {
            try await store.append([event("Registered", "Ada", id: id), event("Tagged", id: fresh)], to: stream("customer-1"))
            Issue.record("expected partiallyRecorded")
        } catch {
            #expect(error == .partiallyRecorded(recorded: [id], new: [fresh]))
        }
        #expect(try store.head() == 1)
    }

    @Test func invalidInputIsRejectedBeforeAnythingIsWritten() async throws {
        let fixture = try StoreFixture { $0.maximumEventSize = 1_000 }
        let store = fixture.store
        let id = EventID.make()
        let cases: [[StreamWrite]] = [
            [],
            [StreamWrite(stream: stream("a-1"), events: [])],
            [StreamWrite(stream: stream("a-1"), events: [event("")])],
            [StreamWrite(stream: stream("a-1"), events: [event("X", String(repeating: "z", count: 2_000))])],
            [StreamWrite(stream: stream("a-1"), events: [event("X", id: id), event("Y", id: id)])],
            [StreamWrite(stream: stream("a-1"), events: [event("X")]), StreamWrite(stream: stream("a-1"), events: [event("Y")])],
        ]
        for writes in cases {
            do {
                try await store.append(writes)
                Issue.record("expected invalid input for \(writes)")
            } catch {
                guard case .invalidInput(let reason) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(!reason.isEmpty)
            }
        }
        #expect(try store.head() == 0)
        for bad in ["", "bad\nname", String(repeating: "s", count: 256)] {
            #expect(throws: EventStoreError.self) { try StreamName(bad) }
        }
    }

    @Test func concurrentAppendersGetGapFreeUniquePositions() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let writers = 8
        let appendsEach = 150
        let results = try await withThrowingTaskGroup(of: [(Int, AppendResult)].self) { group in
            for w in 0..<writers {
                group.addTask {
                    var mine: [(Int, AppendResult)] = []
                    for i in 0..<appendsEach {
                        let result = try await store.append(
                            [event("Step", "\(w)-\(i)")], to: stream("writer-\(w)"), expecting: .exactly(UInt64(i)))
                        mine.append((w, result))
                    }
                    return mine
                }
            }
            var all: [(Int, AppendResult)] = []
            for try await part in group { all += part }
            return all
        }
        let positions = results.flatMap { $0.1.positions.map(\.rawValue) }.sorted()
        #expect(positions == Array(1...UInt64(writers * appendsEach)))
        for w in 0..<writers {
            let history = try await store.readStream(stream("writer-\(w)"))
            #expect(history.map(text) == (0..<appendsEach).map { "\(w)-\($0)" })
            #expect(history.map(\.streamVersion) == (1...UInt64(appendsEach)).map { $0 })
            #expect(zip(history, history.dropFirst()).allSatisfy { $0.position < $1.position })
        }
    }

    @Test func mapGrowsFrom64KiBToAStoreOf100000Events() async throws {
        let fixture = try StoreFixture {
            $0.initialMapSize = 64 << 10
            $0.indexMergeThreshold = 20_000
        }
        let store = fixture.store
        let payload = String(repeating: "p", count: 120)
        for batch in 0..<100 {
            let writes = (0..<10).map { s in
                StreamWrite(stream: stream("customer-\(s)"), events: (0..<100).map { _ in event("Interaction", payload) })
            }
            let result = try await store.append(writes)
            #expect(result.positions.first == LogPosition(UInt64(batch * 1_000 + 1)))
        }
        #expect(try store.head() == 100_000)
        #expect(try await store.version(of: stream("customer-7")) == 10_000)
        let info = try store.environment.info()
        #expect(info.mapSize >= 16 << 20)
        let last = try await store.readStream(stream("customer-9"), direction: .backward, limit: 1)
        #expect(last.first?.position == 100_000)
    }

    @Test func recordedTimeNeverGoesBackward() async throws {
        let clock = TestClock(start: 1_000_000)
        let fixture = try StoreFixture { $0.clock = { clock.now() } }
        try await fixture.store.append([event("A")], to: stream("s-1"))
        clock.set(500_000)
        try await fixture.store.append([event("B")], to: stream("s-1"))
        let events = try await fixture.store.readAll()
        #expect(events.map(\.recordedAt.rawValue) == [1_000_000, 1_000_000])
    }
}

/// A settable clock for tests.
final class TestClock: Sendable {
    private let value: Mutex<Int64>
    init(start: Int64) { value = Mutex(start) }
    func now() -> Timestamp { Timestamp(rawValue: value.withLock { $0 }) }
    func set(_ microseconds: Int64) { value.withLock { $0 = microseconds } }
    func advance(_ microseconds: Int64) { value.withLock { $0 += microseconds } }
}
