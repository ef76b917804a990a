import CRM
import EventSourcing
import Foundation
import Testing

@Suite("Lifecycle view")
struct LifecycleViewTests {
    static func change(_ id: String, _ from: String, _ to: String, backward: Bool = false, reason: String? = nil)
        -> LifecycleStageChanged
    {
        LifecycleStageChanged(
            customerId: id, fromStage: from, toStage: to, direction: backward ? .backward : .forward,
            trigger: backward ? .manual : .rule, policyId: "standard", policyVersion: 1, reason: reason)
    }

    /// Four customers; cus-4 is absorbed. The figures below are worked out by hand from these times.
    static func history(_ s: ViewStore) async throws {
        try await s.append(Make.customer("cus-1"), to: "customer-cus-1", at: "2026-01-01T10:00:00Z")
        try await s.append(Make.customer("cus-2", stage: "subscriber"), to: "customer-cus-2", at: "2026-01-02T10:00:00Z")
        try await s.append(Make.customer("cus-3", stage: "customer"), to: "customer-cus-3", at: "2026-01-03T10:00:00Z")
        try await s.append(Make.customer("cus-4"), to: "customer-cus-4", at: "2026-01-04T10:00:00Z")
        try await s.append(change("cus-1", "lead", "opportunity"), to: "customer-cus-1", at: "2026-01-10T10:00:00Z")
        // 22:30 UTC on 31 January is already 1 February in Helsinki.
        try await s.append(change("cus-1", "opportunity", "customer"), to: "customer-cus-1", at: "2026-01-31T22:30:00Z")
        try await s.append(
            RecordAbsorbed(entityKind: .customer, absorbedId: "cus-4", survivorId: "cus-1", mergeEventId: EventID.make()),
            to: "customer-cus-4", at: "2026-02-01T10:00:00Z")
        try await s.append(change("cus-1", "customer", "opportunity", backward: true, reason: "Contract cancelled"),
            to: "customer-cus-1", at: "2026-02-05T10:00:00Z")
        try await s.append(change("cus-1", "opportunity", "customer"), to: "customer-cus-1", at: "2026-02-10T10:00:00Z")
    }

    @Test func stagesMovesTimeInStageAndTheDayEachBecameACustomer() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let lifecycle = try await s.views.lifecycle()
        let now = moment("2026-02-20T10:00:00Z")
        let utc = try #require(TimeZone(identifier: "UTC"))
        let helsinki = try #require(TimeZone(identifier: "Europe/Helsinki"))

        #expect(lifecycle.countsByStage() == ["customer": 2, "subscriber": 1])  // cus-4 is absorbed
        #expect(lifecycle.moves(from: date("2026-01-01"), through: date("2026-01-31"), in: utc).map(\.move.toStage) == ["opportunity", "customer"])
        #expect(lifecycle.moves(from: date("2026-01-01"), through: date("2026-01-31"), in: helsinki).map(\.move.toStage) == ["opportunity"])
        let back = lifecycle.backwardMoves(from: date("2026-02-01"), through: date("2026-02-28"), in: utc)
        #expect(back.map(\.customerId) == ["cus-1"] && back.map(\.move.reason) == ["Contract cancelled"])

        let cus1 = try #require(lifecycle.customer("cus-1"))
        #expect(cus1.secondsIn("lead", at: now) == 9 * 86_400)
        #expect(cus1.secondsIn("opportunity", at: now) == (21 * 86_400 + 45_000) + 5 * 86_400)
        #expect(cus1.secondsIn("customer", at: now) == (4 * 86_400 + 41_400) + 10 * 86_400)
        // cus-1 back in customer for 10 days, cus-3 there since its registration 48 days ago.
        let average: Int64? = lifecycle.averageSecondsInCurrentStage("customer", at: now)
        #expect(average == Int64(10 * 86_400 + 48 * 86_400) / 2)
        #expect(cus1.becameCustomerAt == moment("2026-01-31T22:30:00Z"))  // the first time, not the return

        let januaryUTC = lifecycle.becameCustomers(from: date("2026-01-01"), through: date("2026-01-31"), in: utc)
        #expect(januaryUTC.map(\.customerId) == ["cus-3", "cus-1"] && januaryUTC.map(\.date) == [date("2026-01-03"), date("2026-01-31")])
        #expect(lifecycle.becameCustomers(from: date("2026-01-01"), through: date("2026-01-31"), in: helsinki).map(\.customerId) == ["cus-3"])
    }

    @Test func asOfAPastPositionEqualsAReplayCutThere() async throws {
        let s = try ViewStore()
        try await s.views.addAll()
        try await Self.history(s)
        let events = try await s.events()
        for cut in [2, 5, 7, 8, events.count] {
            let past = try await s.views.lifecycle(asOf: .position(LogPosition(UInt64(cut))))
            try await replayCut(events, first: cut) { views in
                let replayed = try await views.lifecycle()
                #expect(replayed == past, "cut after \(cut) events")
            }
        }
        #expect(try await s.views.lifecycle(asOf: .position(LogPosition(6))).countsByStage() == ["customer": 2, "lead": 1, "subscriber": 1])
    }
}
