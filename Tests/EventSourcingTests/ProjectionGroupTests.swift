import EventSourcing
import Foundation
import Synchronization
import Testing

/// The customer of a ticket event read as another type than the projections above read it (`TicketOpened` and
/// `TicketClosed` share the shape), so a record decoded for one projection is decoded again for another type.
private struct TicketCustomer: Event {
    static let eventType = "TicketOpened"
    var customer: String
}

/// Tickets ever opened per customer, decoding `TicketOpened` records as ``TicketCustomer``.
private struct OpenedEver: Projection {
    var name = "opened-ever"
    var version: UInt32 = 1
    var eventTypes: Set<String> { ["TicketOpened"] }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        let opened = try event.decode(TicketCustomer.self)
        try records.update(opened.customer, default: 0) { $0 += 1 }
    }
}

/// Tickets opened per customer computed from the history directly.
private func expectedOpenedEver(_ history: [(StreamName, NewEvent)]) throws -> [String: Int] {
    var opened: [String: Int] = [:]
    for (_, event) in history where event.type == TicketOpened.eventType {
        opened[try BinaryPayloadCodec().decode(TicketOpened.self, from: event.payload).customer, default: 0] += 1
    }
    return opened
}

/// Ten records per event (one per digit of a counter), each counting how often its key was written: a projection
/// that changes many records per event and reads them back in later batches.
private struct TenPerEvent: Projection {
    var name = "ten-per-event"
    var version: UInt32 = 1

    func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        let position = event.position.rawValue
        for digit in 0..<10 { try records.update("\(position % 50)-\(digit)", default: 0) { $0 += 1 } }
        records.set(Int(position), forKey: "event-\(position)")
    }
}

/// The projection thread runs projections that continue from the same position as one group: one read of the log,
/// one commit for all of them (and one decode of an event that several of them read as the same type).
@Suite("Projection groups")
struct ProjectionGroupTests {
    @Test func rebuildingSeveralTogetherGivesWhatEachComputesAlone() async throws {
        let fixture = try StoreFixture {
            $0.projectionBatchSize = 37
            $0.projectionRebuildBatchSize = 37
        }
        let store = fixture.store
        let history = try ticketHistory(count: 600, customers: 17)
        let last = try await appendInChunks(history, size: 50, to: store)
        // Two projections of the same code under two names, one reading the same records as another type, and a
        // fold projection over every event.
        try await store.addProjection(OpenTickets(), mode: .async)
        try await store.addProjection(OpenTickets(name: "open-tickets-again"), mode: .async)
        try await store.addProjection(OpenedEver(), mode: .async)
        try await store.addProjection(WeightedCount(), mode: .async)
        let names = ["open-tickets", "open-tickets-again", "opened-ever", "weighted-count"]
        for name in names { try await store.waitForProjection(name, toReach: last) }

        let heard = Mutex<[String: [RebuildProgress]]>([:])
        try await store.rebuildProjections(names) { progress in heard.withLock { $0[progress.projection, default: []].append(progress) } }

        let open = expectedOpenTickets(history)
        #expect(try allValues(of: OpenTickets(), in: store) == open)
        #expect(try allValues(of: OpenTickets(name: "open-tickets-again"), in: store) == open)
        #expect(try allValues(of: OpenedEver(), in: store) == (try expectedOpenedEver(history)))
        let opened = history.filter { $0.1.type == TicketOpened.eventType }.count
        #expect(try store.state(of: WeightedCount()) == ["TicketOpened": opened, "TicketClosed": 600 - opened])
        let reports = heard.withLock { $0 }
        #expect(Set(reports.keys) == Set(names))
        for name in names {
            let progress = reports[name] ?? []
            // 600 events in batches of 37: 17 batches, each reported, the last one as finished.
            #expect(progress.last?.isFinished == true, "\(name)")
            #expect(progress.last?.eventsDone == 600, "\(name)")
            #expect(progress.filter(\.isFinished).count == 1, "\(name)")
            #expect(progress.map(\.eventsDone) == progress.map(\.eventsDone).sorted(), "\(name)")
        }
        for name in names {
            let status = try store.projectionStatus(name)
            #expect(status.position == LogPosition(600))
            #expect(status.failure == nil)
        }
    }

    @Test func aProjectionThatFailsLeavesItsGroupAndTheOthersGoOn() async throws {
        let fixture = try StoreFixture {
            $0.projectionBatchSize = 10
            $0.projectionRebuildBatchSize = 10
        }
        let store = fixture.store
        var last = LogPosition.start
        for number in 1...60 {
            let payload = number == 23 ? "poison" : "fine"
            last = try await store.append([NewEvent(type: "Thing", payload: Array(payload.utf8))], to: try StreamName("thing-\(number % 4)")).lastPosition
        }
        // Added after the history, both start together and read it in batches of exactly 10.
        try await store.addProjection(PoisonSensitive(), mode: .async)
        try await store.addProjection(WeightedCount(), mode: .async)
        await #expect(throws: EventStoreError.projectionFailed(name: "poison-sensitive", position: 23, reason: "poisoned payload")) {
            try await store.waitForProjection("poison-sensitive", toReach: last)
        }
        try await store.waitForProjection("weighted-count", toReach: last)
        #expect(try store.state(of: WeightedCount()) == ["Thing": 60])
        // Nothing of the failing batch was kept: the counts stop before position 21 (batches 1–10, 11–20).
        #expect(try allValues(of: PoisonSensitive(), in: store) == ["thing-0": 5, "thing-1": 5, "thing-2": 5, "thing-3": 5])
        #expect(try store.projectionStatus("poison-sensitive").failure?.position == LogPosition(23))

        // A rebuild of both together stops at the same event for the poisoned one only.
        await #expect(throws: EventStoreError.projectionFailed(name: "poison-sensitive", position: 23, reason: "poisoned payload")) {
            try await store.rebuildProjections(["poison-sensitive", "weighted-count"])
        }
        #expect(try store.state(of: WeightedCount()) == ["Thing": 60])
        #expect(try store.projectionStatus("weighted-count").position == LogPosition(60))
    }

    @Test func aBatchThatChangesManyRecordsCommitsEarly() async throws {
        let fixture = try StoreFixture {
            $0.projectionBatchSize = 5_000
            $0.projectionBatchChangeLimit = 1_000
        }
        let store = fixture.store
        var last = LogPosition.start
        for chunk in 0..<30 {
            let events = (0..<100).map { NewEvent(type: "Tick", payload: Array("\(chunk)-\($0)".utf8)) }
            last = try await store.append(events, to: try StreamName("tick-\(chunk)")).lastPosition
        }
        try await store.addProjection(TenPerEvent(), mode: .async)
        try await store.waitForProjection("ten-per-event", toReach: last)
        let heard = Mutex<[UInt64]>([])
        try await store.rebuildProjection("ten-per-event") { progress in heard.withLock { $0.append(progress.eventsDone) } }
        // 1,500 changed records (500 counters, 1,024 per-event keys) by the first check at 1,024 events: each batch
        // ends after 1,023 events, well before the 5,000 of the batch size.
        #expect(heard.withLock { $0 }.filter { $0 < 3_000 } == [1_023, 2_046])
        #expect(heard.withLock { $0 }.last == 3_000)
        // Every counter read back across the batches: 3,000 events, 60 per key of `position % 50`.
        let values = try allValues(of: TenPerEvent(), in: store)
        #expect(values.count == 500 + 3_000)
        for remainder in 0..<50 {
            for digit in 0..<10 { #expect(values["\(remainder)-\(digit)"] == 60) }
        }
        #expect(values["event-3000"] == 3_000)
    }

    @Test func aRebuildOfAnUnknownProjectionStartsNothing() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.addProjection(WeightedCount(), mode: .async)
        await #expect(throws: EventStoreError.unknownProjection("missing")) {
            try await store.rebuildProjections(["weighted-count", "missing"])
        }
        #expect(try store.projectionStatus("weighted-count").position == LogPosition(0))
    }
}
