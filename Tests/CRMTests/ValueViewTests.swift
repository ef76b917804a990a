import CRM
import EventSourcing
import Foundation
import Testing

@Suite("Customer value and retention view")
struct ValueViewTests {
    static func order(_ s: ViewStore, _ id: String, _ customer: String, _ day: String, _ amount: String) async throws {
        try await s.append(Make.order(id, customer: customer, total: try eur(amount)).on(day), to: "order-\(id)", at: day + "T12:00:00Z")
    }

    /// Five customers; every figure below is worked out by hand for 2026-06-30.
    static func history(_ s: ViewStore) async throws {
        for id in ["c1", "c2", "c3", "c4", "c5"] { try await s.append(Make.customer(id), to: "customer-\(id)", at: "2025-01-01T00:00:00Z") }
        try await order(s, "o4", "c1", "2026-01-10", "400")
        try await order(s, "o3", "c1", "2026-02-01", "300")
        try await order(s, "o2", "c1", "2026-03-15", "200")
        try await order(s, "o1", "c1", "2026-06-20", "100")
        try await s.append(PaymentRecorded(orderId: "o4", paymentId: "p1", amount: money("1000"), method: .card, paidOn: date("2026-06-20")),
            to: "order-o4", at: "2026-06-20T13:00:00Z")
        try await s.append(RefundIssued(orderId: "o1", refundId: "r1", amount: money("50"), reason: "Broken"), to: "order-o1", at: "2026-06-21T13:00:00Z")
        try await order(s, "o5", "c2", "2026-06-25", "50")
        try await order(s, "o6", "c3", "2025-10-01", "1000")
        try await order(s, "o7", "c3", "2025-11-01", "500")
        try await order(s, "o8", "c3", "2025-12-15", "300")
        try await s.append(OrderCancelled(orderId: "o8", reason: "Changed mind"), to: "order-o8", at: "2025-12-16T12:00:00Z")
        try await s.append(
            Make.interaction("i1", subjects: [EntityRef(kind: .customer, id: "c3")], at: "2026-06-01T10:00:00Z", channel: .phone),
            to: "interaction-i1", at: "2026-06-01T10:00:00Z")
        try await s.append(
            TicketOpened(ticketId: "t1", customerId: "c3", channel: .email, type: .complaint, priority: .high, subject: "Bad", description: "Bad"),
            to: "ticket-t1", at: "2026-06-02T10:00:00Z")
        try await s.append(
            FeedbackSubmitted(surveyId: "s1", submissionId: "f1", kind: .nps, subject: EntityRef(kind: .customer, id: "c3"), score: 2, scaleMin: 0, scaleMax: 10),
            to: "survey-s1", at: "2026-06-03T10:00:00Z")
        try await s.append(
            ContractDrafted(contractId: "k1", customerId: "c3", title: "Support", value: money("1200"), startDate: date("2025-08-15"),
                termMonths: 12, paymentTerms: "30 days", paymentMethod: .invoice),
            to: "contract-k1", at: "2025-08-01T10:00:00Z")
        try await s.append(ContractActivated(contractId: "k1", signedOn: date("2025-08-10"), customerSignedBy: "A", companySignedBy: "B"),
            to: "contract-k1", at: "2025-08-10T10:00:00Z")
        try await order(s, "o9", "c4", "2025-05-01", "80")
    }

    static let today = date("2026-06-30")

    @Test func rfmScoresAndSegments() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let rfm = try await s.views.value().rfm(today: Self.today, currency: "EUR")
        // Recency 10, 5, 241, 425 days; frequency 4, 1, 2 (o8 cancelled), 1; monetary 1000, 50, 1500, 80.
        #expect(rfm.map(\.customerId) == ["c1", "c2", "c3", "c4"])
        #expect(rfm.map(\.recencyDays) == [10, 5, 241, 425] && rfm.map(\.frequency) == [4, 1, 2, 1])
        #expect(rfm.map(\.monetary) == [money("1000"), money("50"), money("1500"), money("80")])
        #expect(rfm.map(\.r) == [3, 5, 2, 1] && rfm.map(\.f) == [5, 1, 3, 1] && rfm.map(\.m) == [3, 1, 5, 2])
        #expect(rfm.map(\.segment) == [.loyal, .new, .atRisk, .hibernating])
    }

    /// With the events stored as JSON, in the binary format (read straight from the bytes, interactions through
    /// their routing excerpt) and sealed (the excerpt skipping the sealed summary and participants).
    @Test(arguments: ViewStore.Storage.allCases)
    func lifetimeValueRepeatRateChurnRiskAndWinBack(storage: ViewStore.Storage) async throws {
        let s = try ViewStore(storage)
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let value = try await s.views.value()
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(value.historicalValue("c1") == [money("950")])
        // 1,000.00 × 365 × 3 / max(365, 171 days) = 3,000.00; c4: 80.00 × 1095 / 425 days = 206.1176… → 206.12.
        #expect(value.predictedValue("c1", today: Self.today, currency: "EUR") == money("3000"))
        #expect(value.predictedValue("c4", today: Self.today, currency: "EUR") == money("206.12"))
        #expect(value.predictedValue("c5", today: Self.today, currency: "EUR") == nil)
        #expect(value.repeatPurchaseRate() == 0.5)
        // c1: one purchase in the last 90 days, three in the 90 before.
        #expect(value.churnRisk("c1", today: Self.today, in: utc) == ChurnRisk(customerId: "c1", score: 20, factors: [.fallingFrequency]))
        #expect(value.churnRisk("c3", today: Self.today, in: utc) == ChurnRisk(
            customerId: "c3", score: 50, factors: [.openComplaint, .lowSatisfaction, .contractEnding]))
        #expect(value.churnRisk("c4", today: Self.today, in: utc)?.factors == [.inactive])
        #expect(value.churnRisk("c5", today: Self.today, in: utc)?.score == 30)
        // c3 bought 241 days ago but was spoken to 29 days ago; c4 neither for 425 days.
        #expect(value.winBack(today: Self.today, in: utc, currency: "EUR") == ["c4"])
    }

    /// An interaction about several records counts for each customer among them, and for no other: the view reads
    /// the customers' ids and the time alone (an excerpt) from the bytes, and from the whole event when it is JSON.
    @Test(arguments: ViewStore.Storage.allCases)
    func anInteractionCountsForEachCustomerAmongItsSubjects(storage: ViewStore.Storage) async throws {
        let s = try ViewStore(storage)
        try await s.views.addAll(mode: .inline)
        for id in ["c1", "c2", "c3"] { try await s.append(Make.customer(id), to: "customer-\(id)", at: "2025-01-01T00:00:00Z") }
        let subjects = [
            EntityRef(kind: .contact, id: "c3"), EntityRef(kind: .customer, id: "c2"),
            EntityRef(kind: .opportunity, id: "c3"), EntityRef(kind: .customer, id: "c1"),
        ]
        try await s.append(
            Make.interaction("i1", subjects: subjects, at: "2026-06-01T10:00:00Z", channel: .phone),
            to: "interaction-i1", at: "2026-06-01T10:00:00Z")
        // An earlier interaction logged later leaves the latest time as it was.
        try await s.append(
            Make.interaction("i2", subjects: [EntityRef(kind: .customer, id: "c1")], at: "2026-05-01T10:00:00Z", channel: .email),
            to: "interaction-i2", at: "2026-06-02T10:00:00Z")
        let value = try await s.views.value()
        let june1 = try #require(Timestamp(iso8601: "2026-06-01T10:00:00Z"))
        #expect(value.customer("c1")?.lastInteractionAt == june1)
        #expect(value.customer("c2")?.lastInteractionAt == june1)
        #expect(value.customer("c3")?.lastInteractionAt == nil)
    }

    @Test func asOfAPastPositionEqualsAReplayCutThere() async throws {
        let s = try ViewStore()
        try await s.views.addAll()
        try await Self.history(s)
        let events = try await s.events()
        for cut in [5, 9, 12, 16, 19, events.count] {
            let past = try await s.views.value(asOf: .position(LogPosition(UInt64(cut))))
            try await replayCut(events, first: cut) { views in
                let replayed = try await views.value()
                #expect(replayed == past, "cut after \(cut) events")
            }
        }
    }
}

extension OrderPlaced {
    /// The order placed on `day`.
    func on(_ day: String) -> OrderPlaced {
        var copy = self
        copy.orderedOn = date(day)
        return copy
    }
}
