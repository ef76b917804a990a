import EventSourcing
import Foundation
import Testing

@Suite("Subscriptions")
struct SubscriptionTests {
    @Test func catchUpHandsOverToLiveWithoutGapOrDuplicateWhileAppendsContinue() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        for number in 1...150 { try await store.append([event("Early", "\(number)")], to: stream("s-\(number % 7)")) }
        let subscription = try store.subscribe(from: .start, batchSize: 16)
        let writers = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        for number in 0..<100 {
                            try await store.append([event("Late", "\(writer)-\(number)")], to: stream("w-\(writer)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        var positions: [UInt64] = []
        var perWriter: [String: [Int]] = [:]
        for try await recorded in subscription {
            positions.append(recorded.position.rawValue)
            if recorded.type == "Late" {
                let parts = text(recorded).split(separator: "-")
                perWriter[String(parts[0]), default: []].append(Int(parts[1]) ?? -1)
            }
            // A slow consumer now and then: the writers go on regardless.
            if positions.count % 50 == 0 { try await Task.sleep(for: .milliseconds(2)) }
            if positions.count == 550 { break }
        }
        try await writers.value
        #expect(positions == Array(1...550))
        for writer in 0..<4 { #expect(perWriter["\(writer)"] == Array(0..<100)) }
    }

    @Test func filtersByTypeAndCategoryAndStartsAfterAPosition() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        for number in 1...60 {
            let type = number % 2 == 0 ? "TicketOpened" : "Note"
            let name = number % 3 == 0 ? "ticket-\(number)" : "customer-\(number)"
            try await store.append([event(type)], to: stream(name))
        }
        let filter = EventFilter(types: ["TicketOpened"], categories: ["ticket"])
        var seen: [UInt64] = []
        for try await recorded in try store.subscribe(from: .after(12), filter: filter) {
            seen.append(recorded.position.rawValue)
            if recorded.position == 60 { break }
        }
        #expect(seen == Array(stride(from: 18, through: 60, by: 6)))
    }

    @Test func fromNowDeliversOnlyNewEventsAndCancellationEndsTheSequence() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        for _ in 1...10 { try await store.append([event("Old")], to: stream("a-1")) }
        let subscription = try store.subscribe(from: .now)
        let consumer = Task {
            var got: [RecordedEvent] = []
            for try await recorded in subscription { got.append(recorded) }
            return got
        }
        try await store.append([event("New", "first")], to: stream("a-1"))
        try await store.append([event("New", "second")], to: stream("a-2"))
        // Wait until both were delivered, then cancel the consumer while it waits for more.
        try await Task.sleep(for: .milliseconds(50))
        consumer.cancel()
        let got = try await consumer.value
        #expect(got.map(\.position) == [11, 12])
        #expect(got.map { text($0) } == ["first", "second"])
    }

    @Test func aTimeWindowBoundsTheSequence() async throws {
        let clock = TimeTravelTests.SteppingClock()
        let fixture = try StoreFixture { $0.clock = { clock.tick() } }
        for _ in 1...20 { try await fixture.store.append([event("Tick")], to: stream("clock-1")) }
        let window = EventFilter(
            recordedFrom: Timestamp(secondsSince1970: 1_751_328_005),
            recordedBefore: Timestamp(secondsSince1970: 1_751_328_015))
        var seen: [UInt64] = []
        for try await recorded in try fixture.store.subscribe(filter: window, batchSize: 3) {
            seen.append(recorded.position.rawValue)
        }
        #expect(seen == Array(5...14))
    }

    @Test func closingTheStoreEndsAWaitingSubscription() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let consumer = Task {
            var count = 0
            for try await _ in try store.subscribe() { count += 1 }
            return count
        }
        try await store.append([event("One")], to: stream("x-1"))
        try await Task.sleep(for: .milliseconds(30))
        store.close()
        #expect(try await consumer.value == 1)
    }
}
