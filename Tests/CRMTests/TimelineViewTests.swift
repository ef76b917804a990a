import CRM
import EventSourcing
import Foundation
import Testing

@Suite("Timeline and audit trail view")
struct TimelineViewTests {
    static let cus = EntityRef(kind: .customer, id: "cus-1")

    static func history(_ s: ViewStore) async throws {
        try await s.append(Make.customer("cus-1"), to: "customer-cus-1", at: "2026-01-05T09:00:00Z", actor: "usr-7",
            metadata: ["command": "registerCustomer", "channel": "web"])
        try await s.append(
            CustomerDetailsChanged(customerId: "cus-1", changes: [FieldChange(field: "phone", old: "+358 1", new: "+358 2")], reason: .edit),
            to: "customer-cus-1", at: "2026-01-05T10:00:00Z", actor: "usr-9", metadata: ["command": "changeCustomerDetails", "channel": "api"])
        try await s.append(TagApplied(entity: cus, tag: "vip"), to: "customer-cus-1", at: "2026-01-05T11:00:00Z", actor: "usr-9")
        try await s.append(Make.opportunity("opp-1", customer: "cus-1", amount: money("100")), to: "opportunity-opp-1", at: "2026-01-05T12:00:00Z")
        try await s.append(Make.move("opp-1", from: "qualification", to: Stages.proposal), to: "opportunity-opp-1", at: "2026-01-06T12:00:00Z")
        try await s.append(PersonalDataErased(subject: cus, requestId: "req-1", erasedFields: ["phone", "name"]),
            to: "customer-cus-1", at: "2026-01-07T12:00:00Z", actor: "usr-1")
    }

    @Test func everyChangeOfARecordInOrderWithFieldDifferencesActorAndChannel() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let timeline = try await s.views.timeline(of: Self.cus)
        #expect(timeline.map(\.type) == ["CustomerRegistered", "CustomerDetailsChanged", "TagApplied", "PersonalDataErased"])
        #expect(timeline.map(\.actor) == ["usr-7", "usr-9", "usr-9", "usr-1"])
        #expect(timeline.map(\.channel) == ["web", "api", nil, nil])
        #expect(timeline.map(\.command) == ["registerCustomer", "changeCustomerDetails", nil, nil])
        // The erasure blanked the phone's values; the field name stays as the record of what changed.
        #expect(timeline[1].changes == [FieldChange(field: "phone", old: nil, new: nil)])
        #expect(timeline[2].changes == [FieldChange(field: "tag", old: nil, new: "vip")])
        let deal = try await s.views.timeline(of: EntityRef(kind: .opportunity, id: "opp-1"))
        #expect(deal.map(\.changes) == [[], [FieldChange(field: "stage", old: "qualification", new: "proposal")]])
    }

    @Test func everythingAnActorDidInAPeriodOfLocalDays() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        // The test clock records everything a few minutes after 2026-01-01T00:00Z: still 31 December in New York.
        let utc = try #require(TimeZone(identifier: "UTC"))
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let usr9 = try await s.views.activity(of: "usr-9", from: date("2026-01-01"), through: date("2026-01-01"), in: utc)
        #expect(usr9.map(\.type) == ["CustomerDetailsChanged", "TagApplied"])
        let copy = try #require(usr9.first)
        #expect(copy.changes == [FieldChange(field: "phone", old: nil, new: nil)])  // erased in the actor's copy too
        #expect(try await s.views.activity(of: "usr-9", from: date("2026-01-01"), through: date("2026-01-02"), in: newYork).isEmpty)
        let december = try await s.views.activity(of: "usr-7", from: date("2025-12-31"), through: date("2025-12-31"), in: newYork)
        #expect(december.map(\.type) == ["CustomerRegistered", "OpportunityOpened", "OpportunityStageChanged"])
    }

    @Test func asOfAPastPositionEqualsAReplayCutThere() async throws {
        let s = try ViewStore()
        try await s.views.addAll()
        try await Self.history(s)
        let events = try await s.events()
        for cut in [1, 2, 5, events.count] {
            let past = try await s.views.timeline(of: Self.cus, asOf: .position(LogPosition(UInt64(cut))))
            try await replayCut(events, first: cut) { views in
                // The copy records the events anew: everything but the recorded time is the same.
                let replayed = try await views.timeline(of: Self.cus)
                #expect(replayed.map(\.unrecorded) == past.map(\.unrecorded), "cut after \(cut) events")
                #expect(replayed.count == past.count && !past.isEmpty)
            }
        }
        let before = try await s.views.timeline(of: Self.cus, asOf: .position(LogPosition(2)))
        #expect(before.last?.changes == [FieldChange(field: "phone", old: "+358 1", new: "+358 2")])
    }
}

extension TimelineEntry {
    /// The entry without its recorded time.
    var unrecorded: TimelineEntry {
        var copy = self
        copy.recordedAt = Timestamp(rawValue: 0)
        return copy
    }
}

/// The timeline's records as an older version of the projection kept them, in its key layout (one record per entry
/// under `a:<actor>|<day>|<position>`), with values of another shape: what a store written by that version holds.
private struct TimelineVersionTwo: Projection {
    let name = TimelineProjection().name
    let version: UInt32 = 2

    func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        guard let actor = event.actor else { return }
        let digits = String(event.position.rawValue)
        let day = LocalDate(event.recordedAt, in: .gmt).description
        records.set(Int(event.position.rawValue), forKey: "a:\(actor)|\(day)|" + String(repeating: "0", count: 20 - digits.count) + digits)
    }
}

@Suite("Timeline upgrade")
struct TimelineUpgradeTests {
    @Test func whileAnUpgradeRebuildsTheTimelineItsQueriesFoldTheLogInstead() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-upgrade-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        // One event per batch: the rebuild below takes thousands of commits, so the queries run while it does.
        configuration.projectionBatchSize = 1
        configuration.projectionRebuildBatchSize = 1
        let cus = EntityRef(kind: .customer, id: "cus-1")
        do {
            let store = try EventStore(path: directory, configuration: configuration)
            defer { store.close() }
            func append<E: Event>(_ event: E, to stream: String, actor: String) async throws {
                let new = try NewEvent(event, occurredAt: moment("2026-01-05T09:00:00Z"), actor: actor)
                _ = try await store.append([new], to: try StreamName(stream))
            }
            try await append(Make.customer("cus-1"), to: "customer-cus-1", actor: "usr-7")
            try await append(
                CustomerDetailsChanged(customerId: "cus-1", changes: [FieldChange(field: "phone", old: "+358 1", new: "+358 2")], reason: .edit),
                to: "customer-cus-1", actor: "usr-9")
            try await append(PersonalDataErased(subject: cus, requestId: "req-1", erasedFields: ["phone"]), to: "customer-cus-1", actor: "usr-1")
            for index in 0..<3_000 {
                try await append(TagApplied(entity: EntityRef(kind: .customer, id: "cus-2"), tag: "t\(index % 7)"), to: "customer-cus-2", actor: "usr-3")
            }
            try await store.addProjection(TimelineVersionTwo(), mode: .async)
            try await store.waitForProjection(TimelineProjection().name, toReach: try store.head())
        }
        let store = try EventStore(path: directory, configuration: configuration)
        defer { store.close() }
        let views = CRMViews(store: store)
        try await store.addProjection(TimelineProjection(), mode: .async)
        let status = try store.projectionStatus(TimelineProjection().name)
        #expect(status.servingVersion == 2 && status.rebuild != nil)
        // Version 2's records are neither read as version 3's nor taken for a timeline without erasures.
        let timeline = try await views.timeline(of: cus)
        #expect(timeline.map(\.type) == ["CustomerRegistered", "CustomerDetailsChanged", "PersonalDataErased"])
        #expect(timeline[1].changes == [FieldChange(field: "phone", old: nil, new: nil)])
        let utc = try #require(TimeZone(identifier: "UTC"))
        // The store's own clock recorded the events: the day is the one it recorded usr-9's change on.
        let day = LocalDate(try #require(try await store.readAll(limit: 2).last).recordedAt, in: utc)
        let usr9 = try await views.activity(of: "usr-9", from: day, through: day, in: utc)
        #expect(usr9.map(\.type) == ["CustomerDetailsChanged"])
        #expect(usr9.first?.changes == [FieldChange(field: "phone", old: nil, new: nil)])
        // Once rebuilt (the swap is seen in the status), the stored records give the same.
        for _ in 0..<3_000 where try store.projectionStatus(TimelineProjection().name).servingVersion != 3 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try store.projectionStatus(TimelineProjection().name).servingVersion == 3)
        #expect(try await views.timeline(of: cus) == timeline)
        #expect(try await views.activity(of: "usr-9", from: day, through: day, in: utc) == usr9)
    }
}
