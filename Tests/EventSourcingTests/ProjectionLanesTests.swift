import EventSourcing
import Foundation
import Synchronization
import Testing

/// Counts per key of `position % 50` and digit, ten records per event (the same shape as the group tests' projection,
/// under its own name): many changes per event, read back across batches.
private struct TenCounters: Projection {
    var name = "ten-counters"
    var version: UInt32 = 1

    func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        let position = event.position.rawValue
        for digit in 0..<10 { try records.update("\(position % 50)-\(digit)", default: 0) { $0 += 1 } }
    }
}

/// Long runs of events (a rebuild, a catch-up) are applied on several threads, each taking some of the projections:
/// whatever the number of threads, every projection ends where applying the log alone would take it.
@Suite("Projection lanes")
struct ProjectionLanesTests {
    @Test(arguments: [1, 2, 3])
    func anyNumberOfThreadsGivesWhatEachProjectionComputesAlone(threads: Int) async throws {
        let fixture = try StoreFixture {
            $0.projectionThreads = threads
            $0.projectionBatchSize = 100_000
        }
        let store = fixture.store
        // 10,000 events: chunks of 4,096, 4,096 and 1,808 in one batch.
        let history = try ticketHistory(count: 10_000, customers: 40)
        let last = try await appendInChunks(history, size: 1_000, to: store)
        let names = ["open-tickets", "open-tickets-again", "weighted-count", "ten-counters"]
        try await store.addProjection(OpenTickets(), mode: .async)
        try await store.addProjection(OpenTickets(name: "open-tickets-again"), mode: .async)
        try await store.addProjection(WeightedCount(), mode: .async)
        try await store.addProjection(TenCounters(), mode: .async)
        for name in names { try await store.waitForProjection(name, toReach: last) }
        try await store.rebuildProjections(names)

        let open = expectedOpenTickets(history)
        #expect(!open.isEmpty)
        #expect(try allValues(of: OpenTickets(), in: store) == open)
        #expect(try allValues(of: OpenTickets(name: "open-tickets-again"), in: store) == open)
        let opened = history.filter { $0.1.type == TicketOpened.eventType }.count
        #expect(try store.state(of: WeightedCount()) == ["TicketOpened": opened, "TicketClosed": 10_000 - opened])
        // 10,000 positions, 200 of each remainder mod 50.
        let counters = try allValues(of: TenCounters(), in: store)
        #expect(counters.count == 500)
        #expect(Set(counters.values) == [200])
        for name in names { #expect(try store.projectionStatus(name).position == last) }
    }

    @Test func aProjectionThatFailsInALaneStopsThereAndTheOthersGoOn() async throws {
        let fixture = try StoreFixture {
            $0.projectionThreads = 2
            $0.projectionBatchSize = 100_000
        }
        let store = fixture.store
        var last = LogPosition.start
        for chunk in 0..<10 {
            let events = (0..<1_000).map { index in
                NewEvent(type: "Thing", payload: Array((chunk * 1_000 + index + 1 == 5_000 ? "poison" : "fine").utf8))
            }
            last = try await store.append(events, to: try StreamName("thing-\(chunk % 4)")).lastPosition
        }
        try await store.addProjection(PoisonSensitive(), mode: .async)
        try await store.addProjection(WeightedCount(), mode: .async)
        await #expect(throws: EventStoreError.projectionFailed(name: "poison-sensitive", position: 5_000, reason: "poisoned payload")) {
            try await store.waitForProjection("poison-sensitive", toReach: last)
        }
        try await store.waitForProjection("weighted-count", toReach: last)
        #expect(try store.state(of: WeightedCount()) == ["Thing": 10_000])
        // The failing projection's batch (all 10,000 events) was dropped whole.
        #expect(try allValues(of: PoisonSensitive(), in: store).isEmpty)
        #expect(try store.projectionStatus("poison-sensitive").failure?.position == LogPosition(5_000))
    }

    @Test func aLongRunCommitsEarlyAtTheEndOfAChunkWhenItsBatchesHoldManyChanges() async throws {
        let fixture = try StoreFixture {
            $0.projectionThreads = 2
            $0.projectionBatchSize = 100_000
            $0.projectionBatchChangeLimit = 400
        }
        let store = fixture.store
        var last = LogPosition.start
        for chunk in 0..<12 {
            let events = (0..<1_000).map { NewEvent(type: "Tick", payload: Array("\(chunk)-\($0)".utf8)) }
            last = try await store.append(events, to: try StreamName("tick-\(chunk)")).lastPosition
        }
        try await store.addProjection(TenCounters(), mode: .async)
        try await store.addProjection(WeightedCount(), mode: .async)
        try await store.waitForProjection("ten-counters", toReach: last)
        try await store.waitForProjection("weighted-count", toReach: last)
        let heard = Mutex<[UInt64]>([])
        try await store.rebuildProjections(["ten-counters", "weighted-count"]) { progress in
            if progress.projection == "ten-counters" { heard.withLock { $0.append(progress.eventsDone) } }
        }
        // 500 counters changed by the end of the first chunk: each batch in lanes ends after one chunk of 4,096
        // events. The last 3,808 events are fewer than a chunk: one thread applies them, checking every 1,024 events
        // (a batch then ends after 1,023).
        #expect(heard.withLock { $0 } == [4_096, 8_192, 9_215, 10_238, 11_261, 12_000])
        let counters = try allValues(of: TenCounters(), in: store)
        #expect(counters.count == 500)
        #expect(Set(counters.values) == [240])
        #expect(try store.state(of: WeightedCount()) == ["Tick": 12_000])
    }

    @Test(arguments: [1, 2])
    func aRebuildRunsInLongBatchesAndReportsItsProgressWhileTheyRun(threads: Int) async throws {
        let fixture = try StoreFixture {
            $0.projectionThreads = threads
            // Catch-ups in batches of 1,000 events; a rebuild in batches of up to 1,000,000 (the default).
            $0.projectionBatchSize = 1_000
        }
        let store = fixture.store
        let history = try ticketHistory(count: 10_000, customers: 40)
        let last = try await appendInChunks(history, size: 1_000, to: store)
        let names = ["open-tickets", "weighted-count"]
        try await store.addProjection(OpenTickets(), mode: .async)
        try await store.addProjection(WeightedCount(), mode: .async)
        for name in names { try await store.waitForProjection(name, toReach: last) }
        let heard = Mutex<[RebuildProgress]>([])
        try await store.rebuildProjections(names) { progress in
            if progress.projection == "open-tickets" { heard.withLock { $0.append(progress) } }
        }
        let reports = heard.withLock { $0 }
        // One batch of all 10,000 events (not ten of 1,000): reported every 4,096 events applied, then by its commit.
        #expect(reports.map(\.eventsDone) == [4_096, 8_192, 10_000])
        #expect(reports.map(\.isFinished) == [false, false, true])
        #expect(reports.allSatisfy { $0.eventsTotal == 10_000 })
        #expect(reports.dropFirst().allSatisfy { $0.eventsPerSecond > 0 })
        #expect(try allValues(of: OpenTickets(), in: store) == expectedOpenTickets(history))
        let opened = history.filter { $0.1.type == TicketOpened.eventType }.count
        #expect(try store.state(of: WeightedCount()) == ["TicketOpened": opened, "TicketClosed": 10_000 - opened])
        for name in names { #expect(try store.projectionStatus(name).position == last) }
    }
}
