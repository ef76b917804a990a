import EventSourcing
import Foundation
import Synchronization
import Testing

@Suite("Time travel")
struct TimeTravelTests {
    /// A clock that moves one second per reading, so recorded times are known in advance.
    final class SteppingClock: Sendable {
        let now = Mutex<Int64>(1_751_328_000)  // 2025-07-01T00:00:00Z
        func tick() -> Timestamp {
            now.withLock { seconds in
                seconds += 1
                return Timestamp(secondsSince1970: seconds)
            }
        }
    }

    @Test(arguments: [0, 1, 57, 199, 200, 333, 600])
    func aStateAsOfAPositionEqualsAFreshReplayCutThere(cut: Int) async throws {
        let history = try ticketHistory(count: 600, customers: 17, seed: 99)
        let fixture = try StoreFixture()
        try await fixture.store.addProjection(OpenTickets(), mode: .inline)
        _ = try await appendEach(history, to: fixture.store)
        // The independent answer: a fresh store that only ever saw the first `cut` events.
        let fresh = try StoreFixture()
        try await fresh.store.addProjection(OpenTickets(), mode: .inline)
        _ = try await appendEach(history.prefix(cut), to: fresh.store)
        let replayed = try allValues(of: OpenTickets(), in: fresh.store)

        let past = try await fixture.store.state(of: OpenTickets(), asOf: .position(LogPosition(UInt64(cut))))
        #expect(past.position == LogPosition(UInt64(cut)))
        #expect(past.values == replayed)
        #expect(past.values == expectedOpenTickets(history.prefix(cut)))
        // The live state was not touched.
        #expect(try allValues(of: OpenTickets(), in: fixture.store) == expectedOpenTickets(history))
    }

    @Test func aStateAsOfATimeIncludesEverythingRecordedUpToThatMoment() async throws {
        let clock = SteppingClock()
        let fixture = try StoreFixture { $0.clock = { clock.tick() } }
        let history = try ticketHistory(count: 120, customers: 5, seed: 3)
        _ = try await appendEach(history, to: fixture.store)
        // The nth append was recorded at 1_751_328_000 + n seconds.
        let asOfFortieth = Timestamp(secondsSince1970: 1_751_328_040)
        let byTime = try await fixture.store.state(of: OpenTickets(), asOf: .time(asOfFortieth))
        #expect(byTime.position == LogPosition(40))
        #expect(byTime.values == expectedOpenTickets(history.prefix(40)))
        let beforeAll = try await fixture.store.state(of: OpenTickets(), asOf: .time(Timestamp(secondsSince1970: 0)))
        #expect(beforeAll.position == .start)
        #expect(beforeAll.values.isEmpty)
        let afterAll = try await fixture.store.state(of: OpenTickets(), asOf: .time(Timestamp(secondsSince1970: 1_900_000_000)))
        #expect(afterAll.position == LogPosition(120))
    }

    @Test func aFoldProjectionAsOfAPointIsItsStateThen() async throws {
        let fixture = try StoreFixture()
        for number in 1...30 {
            try await fixture.store.append([event(number % 3 == 0 ? "Fizz" : "Plain")], to: stream("n-\(number)"))
        }
        let state = try await fixture.store.state(of: WeightedCount(), asOf: .position(10))
        #expect(state[WeightedCount.stateKey] == ["Fizz": 3, "Plain": 7])
    }
}
