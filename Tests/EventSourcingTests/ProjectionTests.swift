import EventSourcing
import Synchronization
import Foundation
import Testing

@Suite("Projections")
struct ProjectionTests {
    @Test func anInlineProjectionIsReadableRightAfterTheAppend() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.addProjection(OpenTickets(), mode: .inline)
        let history = try ticketHistory(count: 200, customers: 9)
        var applied: [(StreamName, NewEvent)] = []
        for (stream, event) in history {
            try await store.append([event], to: stream)
            applied.append((stream, event))
            // No waiting: the value is there as soon as the append returns.
            let customer = try #require(try decodeCustomer(event))
            #expect(try store.value(of: OpenTickets(), forKey: customer) == expectedOpenTickets(applied)[customer])
        }
        #expect(try allValues(of: OpenTickets(), in: store) == expectedOpenTickets(history))
        #expect(try store.projectionStatus("open-tickets").position == LogPosition(200))
    }

    @Test func anAsyncProjectionCatchesUpInBatches() async throws {
        let fixture = try StoreFixture { $0.projectionBatchSize = 7 }
        let store = fixture.store
        let history = try ticketHistory(count: 500, customers: 23)
        let before = try await appendInChunks(Array(history[0..<300]), size: 50, to: fixture.store)
        try await store.addProjection(OpenTickets(), mode: .async)
        let last = try await appendInChunks(Array(history[300...]), size: 13, to: store)
        #expect(before == LogPosition(300))
        try await store.waitForProjection("open-tickets", toReach: last)
        #expect(try allValues(of: OpenTickets(), in: store) == expectedOpenTickets(history))
        let status = try store.projectionStatus("open-tickets")
        #expect(status.position == LogPosition(500))
        #expect(status.lag == 0)
        #expect(status.failure == nil)
    }

    @Test func theCheckpointSurvivesAReopenSoNoEventIsAppliedTwice() async throws {
        let fixture = try StoreFixture { $0.projectionBatchSize = 16 }
        let history = try ticketHistory(count: 400, customers: 11)
        try await fixture.store.addProjection(OpenTickets(), mode: .inline)
        try await fixture.store.addProjection(WeightedCount(), mode: .async)
        let first = try await appendInChunks(Array(history[0..<250]), size: 40, to: fixture.store)
        try await fixture.store.waitForProjection("weighted-count", toReach: first)
        try fixture.reopen()
        let store = fixture.store
        try await store.addProjection(OpenTickets(), mode: .inline)
        try await store.addProjection(WeightedCount(), mode: .async)
        let last = try await appendInChunks(Array(history[250...]), size: 40, to: store)
        try await store.waitForProjection("open-tickets", toReach: last)
        try await store.waitForProjection("weighted-count", toReach: last)
        #expect(try allValues(of: OpenTickets(), in: store) == expectedOpenTickets(history))
        let opened = history.filter { $0.1.type == TicketOpened.eventType }.count
        #expect(try store.state(of: WeightedCount()) == ["TicketOpened": opened, "TicketClosed": 400 - opened])
    }

    @Test func aFoldProjectionStartsFromItsInitialState() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.addProjection(WeightedCount(), mode: .inline)
        #expect(try fixture.store.state(of: WeightedCount()) == [:])
        try await fixture.store.append([event("Ping"), event("Pong"), event("Ping")], to: stream("game-1"))
        #expect(try fixture.store.state(of: WeightedCount()) == ["Ping": 2, "Pong": 1])
    }

    @Test func anAsyncProjectionThatThrowsStopsAtTheEventAndTheOthersKeepRunning() async throws {
        let fixture = try StoreFixture { $0.projectionBatchSize = 10 }
        let store = fixture.store
        try await store.addProjection(PoisonSensitive(), mode: .async)
        try await store.addProjection(WeightedCount(), mode: .async)
        var last = LogPosition.start
        for number in 1...60 {
            let payload = number == 37 ? "poison" : "fine"
            last = try await store.append([event("Thing", payload)], to: stream("thing-\(number % 4)")).lastPosition
        }
        await #expect(throws: EventStoreError.projectionFailed(name: "poison-sensitive", position: 37, reason: "poisoned payload")) {
            try await store.waitForProjection("poison-sensitive", toReach: last)
        }
        try await store.waitForProjection("weighted-count", toReach: last)
        #expect(try store.state(of: WeightedCount()) == ["Thing": 60])
        let status = try store.projectionStatus("poison-sensitive")
        #expect(status.failure == ProjectionStatus.Failure(position: 37, reason: "poisoned payload"))
        // Nothing of the failing batch was kept: the state is exactly the one of its checkpoint, before 37.
        #expect(status.position < LogPosition(37))
        let counts = try allValues(of: PoisonSensitive(), in: store)
        #expect(counts.values.reduce(0, +) == Int(status.position.rawValue))
        // The failure is remembered across a reopen.
        try fixture.reopen()
        try await fixture.store.addProjection(PoisonSensitive(), mode: .async)
        #expect(try fixture.store.projectionStatus("poison-sensitive").failure?.position == 37)
    }

    @Test func anInlineProjectionThatThrowsFailsOnlyThatAppend() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.addProjection(PoisonSensitive(), mode: .inline)
        try await store.append([event("Thing", "fine")], to: stream("thing-1"))
        await #expect(throws: EventStoreError.projectionFailed(name: "poison-sensitive", position: 2, reason: "poisoned payload")) {
            try await store.append([event("Thing", "poison")], to: stream("thing-1"))
        }
        #expect(try store.head() == LogPosition(1))
        // Concurrent appends around a poisoned one: only the poisoned one fails, the others are written.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for number in 0..<20 {
                group.addTask {
                    let payload = number == 10 ? "poison" : "fine"
                    return (try? await store.append([event("Thing", payload)], to: stream("thing-\(number)"))) != nil
                }
            }
            var outcomes: [Bool] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.filter { $0 }.count == 19)
        #expect(try store.head() == LogPosition(20))
        #expect(try allValues(of: PoisonSensitive(), in: store).values.reduce(0, +) == 20)
        #expect(try store.projectionStatus("poison-sensitive").position == LogPosition(20))
    }

    @Test func aChangedVersionRebuildsAndSwapsWhileReadsSeeOnlyWholeStates() async throws {
        let fixture = try StoreFixture {
            $0.projectionBatchSize = 50
            $0.projectionRebuildBatchSize = 50
        }
        let history = try ticketHistory(count: 3_000, customers: 40)
        try await fixture.store.addProjection(WeightedCount(), mode: .inline)
        let last = try await appendInChunks(history, size: 500, to: fixture.store)
        #expect(last == LogPosition(3_000))
        let old = try fixture.store.state(of: WeightedCount())
        #expect(old.values.reduce(0, +) == 3_000)
        try fixture.reopen()
        let store = fixture.store
        // Version 2 weighs each event ten times: every read is either the whole old state or the whole new one.
        let reader = Task {
            var seen: Set<Int> = []
            while !Task.isCancelled {
                if let state = try? store.state(of: WeightedCount(version: 2, weight: 10)) {
                    seen.insert(state.values.reduce(0, +))
                }
                await Task.yield()
            }
            return seen
        }
        let progress = ProgressLog()
        try await store.addProjection(WeightedCount(version: 2, weight: 10), mode: .inline)
        try await store.rebuildProjection("weighted-count") { progress.add($0) }
        reader.cancel()
        let seen = await reader.value
        #expect(seen.isSubset(of: [3_000, 30_000]))
        #expect(try store.state(of: WeightedCount(version: 2, weight: 10)).values.reduce(0, +) == 30_000)
        let status = try store.projectionStatus("weighted-count")
        #expect(status.servingVersion == 2)
        #expect(status.rebuild == nil)
        #expect(status.position == LogPosition(3_000))
        let reports = progress.reports
        #expect(reports.last?.isFinished == true)
        #expect(reports.last?.eventsDone == 3_000)
        #expect(reports.last?.eventsTotal == 3_000)
        let done = reports.map(\.eventsDone)
        #expect(done == done.sorted())
        // Inline again after the swap.
        try await store.append([event("TicketOpened")], to: stream("ticket-1"))
        #expect(try store.state(of: WeightedCount(version: 2, weight: 10))["TicketOpened"].map { $0 % 10 } == 0)
        #expect(try store.state(of: WeightedCount(version: 2, weight: 10)).values.reduce(0, +) == 30_010)
    }

    @Test func aRebuildOnRequestReproducesTheSameState() async throws {
        let fixture = try StoreFixture {
            $0.projectionBatchSize = 64
            $0.projectionRebuildBatchSize = 64
        }
        let store = fixture.store
        let history = try ticketHistory(count: 1_000, customers: 30)
        try await store.addProjection(OpenTickets(), mode: .async)
        let last = try await appendInChunks(history, size: 100, to: store)
        try await store.waitForProjection("open-tickets", toReach: last)
        try await store.rebuildProjection("open-tickets")
        #expect(try allValues(of: OpenTickets(), in: store) == expectedOpenTickets(history))
        #expect(try store.projectionStatus("open-tickets").position == last)
    }

    @Test func invalidRequestsAreTypedErrors() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        await #expect(throws: EventStoreError.unknownProjection("nothing")) {
            try await store.waitForProjection("nothing", toReach: 1)
        }
        #expect(throws: EventStoreError.unknownProjection("open-tickets")) {
            try store.value(of: OpenTickets(), forKey: "customer-1")
        }
        try await store.addProjection(OpenTickets())
        await #expect(throws: EventStoreError.self) { try await store.addProjection(OpenTickets()) }
        await #expect(throws: EventStoreError.self) { try await store.addProjection(OpenTickets(name: "has space")) }
        await #expect(throws: EventStoreError.self) { try await store.addProjection(OpenTickets(name: "")) }
    }

    @Test func closingTheStoreReleasesWaiters() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.addProjection(OpenTickets())
        let waiter = Task { try await store.waitForProjection("open-tickets", toReach: 1_000) }
        try await Task.sleep(for: .milliseconds(20))
        store.close()
        await #expect(throws: EventStoreError.closed) { try await waiter.value }
    }
}

/// Progress reports gathered from the projection thread.
final class ProgressLog: Sendable {
    private let storage = Mutex<[RebuildProgress]>([])
    func add(_ progress: RebuildProgress) { storage.withLock { $0.append(progress) } }
    var reports: [RebuildProgress] { storage.withLock { $0 } }
}

func decodeCustomer(_ event: NewEvent) throws -> String? {
    if event.type == TicketOpened.eventType {
        return try BinaryPayloadCodec().decode(TicketOpened.self, from: event.payload).customer
    }
    return try BinaryPayloadCodec().decode(TicketClosed.self, from: event.payload).customer
}

/// Stores each event under a key made from its payload (an empty payload is an invalid key).
struct KeyFromPayload: Projection {
    let name = "key-from-payload"
    let version: UInt32 = 1
    func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        records.set(1, forKey: String(decoding: event.payload, as: UTF8.self))
    }
}

@Suite("Projection edge cases")
struct ProjectionEdgeTests {
    @Test func aRebuildOfAnEmptyLogFinishes() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.addProjection(OpenTickets(), mode: .async)
        try await fixture.store.rebuildProjection("open-tickets")
        #expect(try fixture.store.projectionStatus("open-tickets").rebuild == nil)
    }

    @Test func anInvalidKeyFailsOnlyTheAppendThatBroughtIt() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.addProjection(KeyFromPayload(), mode: .inline)
        try await store.append([event("Thing", "a")], to: stream("thing-1"))
        await #expect {
            try await store.append([event("Thing", "")], to: stream("thing-1"))
        } throws: { error in
            guard case EventStoreError.projectionFailed(_, let position, _) = error else { return false }
            return position == 2
        }
        try await store.append([event("Thing", "b")], to: stream("thing-1"))
        #expect(try store.head() == LogPosition(2))
        #expect(try store.value(of: KeyFromPayload(), forKey: "b") == 1)
    }
}
