public import EventSourcing
public import Foundation

/// The customer value and retention view at one point, and its scores as of a day.
///
/// Definitions (all as of `today`, a calendar day; times are turned into days in `timeZone`):
/// - **Recency**: days from the last purchase (a non-cancelled order's date) to today. **Frequency**: purchases.
///   **Monetary**: the sum of the purchases' totals in the reporting currency (other currencies are left out).
/// - **RFM scores** 1-5 among the n customers with a purchase: a value's score is 1 + ⌊4 × w / (n − 1)⌋, where w
///   is the number of those customers with a strictly worse value (longer recency, fewer purchases, less money):
///   the best gets 5, the worst 1 (a lone buyer 5).
/// - **Segments**: champions (R ≥ 4, F ≥ 4), loyal (F ≥ 4), new (R ≥ 4, F = 1), at risk (R ≤ 2, F ≥ 3),
///   hibernating (R ≤ 2, F ≤ 2), otherwise needs attention; checked in that order.
/// - **Historical lifetime value**: payments less refunds, per currency. **Predicted**: monetary × 365 ×
///   lifetime years / max(365, days from the first purchase to today), rounded half away from zero.
/// - **Repeat-purchase rate**: customers with two purchases or more / customers with one or more.
/// - **Churn risk** 0-100: +30 inactive (no purchase and no interaction for `inactiveDays`), +20 falling
///   frequency (fewer purchases in the last 90 days than in the 90 before), +20 an open complaint, +15 low
///   satisfaction (the latest answer below half its scale), +15 an active contract ending within 60 days.
/// - **Win-back**: customers with a purchase whose last purchase and last interaction are both more than
///   `winBackDays` ago, most monetary value first.
public struct ValueSnapshot: Sendable, Hashable {
    /// Every customer's history, sorted by id.
    public var customers: [CustomerValue]

    /// A snapshot.
    public init(customers: [CustomerValue]) { self.customers = customers.sorted { $0.customerId < $1.customerId } }

    /// The history of customer `id`.
    public func customer(_ id: String) -> CustomerValue? { customers.first { $0.customerId == id } }

    /// Recency, frequency, monetary value, scores and segment of every customer with a purchase, by id.
    public func rfm(today: LocalDate, currency: String) -> [RFMScore] {
        let base = customers.compactMap { customer -> RFMScore? in
            let purchases = customer.purchases
            guard let last = purchases.map(\.orderedOn).max() else { return nil }
            let monetary = purchases.filter { $0.total.currency == currency }.reduce(Int64(0)) { $0 + $1.total.minorUnits }
            return RFMScore(
                customerId: customer.customerId, recencyDays: last.days(to: today), frequency: purchases.count,
                monetary: Money(minorUnits: monetary, currency: currency))
        }
        let n = base.count
        func score(_ worse: Int) -> Int { n <= 1 ? 5 : 1 + (4 * worse) / (n - 1) }
        return base.map { line in
            var line = line
            line.r = score(base.filter { $0.recencyDays > line.recencyDays }.count)
            line.f = score(base.filter { $0.frequency < line.frequency }.count)
            line.m = score(base.filter { $0.monetary.minorUnits < line.monetary.minorUnits }.count)
            line.segment = RFMSegment(r: line.r, f: line.f)
            return line
        }
    }

    /// Customer `id`'s historical lifetime value (net payments, per currency).
    public func historicalValue(_ id: String) -> [Money] { customer(id)?.netPayments ?? [] }

    /// Customer `id`'s simple predicted lifetime value in `currency` over `lifetimeYears` (see the type's notes).
    public func predictedValue(_ id: String, today: LocalDate, currency: String, lifetimeYears: Int = 3) -> Money? {
        guard let purchases = customer(id)?.purchases, let first = purchases.map(\.orderedOn).min() else { return nil }
        let monetary = purchases.filter { $0.total.currency == currency }.reduce(Int64(0)) { $0 + $1.total.minorUnits }
        let span = Int64(max(365, first.days(to: today)))
        let (scaled, overflow) = monetary.multipliedReportingOverflow(by: 365 * Int64(lifetimeYears))
        guard !overflow else { return nil }
        return Money(minorUnits: scaled.dividedRounded(by: span), currency: currency)
    }

    /// Customers with two purchases or more / customers with one or more (`nil` when nobody bought).
    public func repeatPurchaseRate() -> Double? {
        let buyers = customers.filter { !$0.purchases.isEmpty }
        guard !buyers.isEmpty else { return nil }
        return Double(buyers.filter { $0.purchases.count >= 2 }.count) / Double(buyers.count)
    }

    /// Customer `id`'s churn risk today, with the factors that raised it.
    public func churnRisk(_ id: String, today: LocalDate, in timeZone: TimeZone, inactiveDays: Int = 90) -> ChurnRisk? {
        guard let customer = customer(id) else { return nil }
        var factors: [ChurnRisk.Factor] = []
        let purchases = customer.purchases.map(\.orderedOn)
        let lastActive = ([purchases.max()] + [customer.lastInteractionAt.map { LocalDate($0, in: timeZone) }]).compactMap { $0 }.max()
        if lastActive.map({ $0.days(to: today) > inactiveDays }) ?? true { factors.append(.inactive) }
        let recent = purchases.filter { (0..<90).contains($0.days(to: today)) }.count
        let before = purchases.filter { (90..<180).contains($0.days(to: today)) }.count
        if recent < before { factors.append(.fallingFrequency) }
        if !customer.openComplaints.isEmpty { factors.append(.openComplaint) }
        if let satisfaction = customer.latestSatisfaction, satisfaction < 0.5 { factors.append(.lowSatisfaction) }
        if customer.contracts.contains(where: { $0.active && (0...60).contains(today.days(to: $0.endDate)) }) {
            factors.append(.contractEnding)
        }
        return ChurnRisk(customerId: id, score: factors.reduce(0) { $0 + $1.weight }, factors: factors)
    }

    /// Customers to win back today (see the type's notes), most monetary value in `currency` first, then by id.
    public func winBack(today: LocalDate, in timeZone: TimeZone, currency: String, winBackDays: Int = 180) -> [String] {
        customers.compactMap { customer -> (String, Int64)? in
            guard let last = customer.purchases.map(\.orderedOn).max(), last.days(to: today) > winBackDays else { return nil }
            if let seen = customer.lastInteractionAt, LocalDate(seen, in: timeZone).days(to: today) <= winBackDays { return nil }
            let value = customer.purchases.filter { $0.total.currency == currency }.reduce(Int64(0)) { $0 + $1.total.minorUnits }
            return (customer.customerId, value)
        }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }.map(\.0)
    }
}

/// One customer's RFM figures.
public struct RFMScore: Sendable, Hashable {
    /// The customer.
    public var customerId: String
    /// Days since the last purchase.
    public var recencyDays: Int
    /// Purchases.
    public var frequency: Int
    /// Purchases' total in the reporting currency.
    public var monetary: Money
    /// Recency score, 1-5 (5: most recent).
    public var r = 0
    /// Frequency score, 1-5.
    public var f = 0
    /// Monetary score, 1-5.
    public var m = 0
    /// The segment.
    public var segment = RFMSegment.needsAttention
}

/// An RFM segment (see ``ValueSnapshot``).
public enum RFMSegment: String, Sendable, Hashable {
    /// R ≥ 4 and F ≥ 4.
    case champions
    /// F ≥ 4.
    case loyal
    /// R ≥ 4 and F = 1.
    case new
    /// R ≤ 2 and F ≥ 3.
    case atRisk
    /// R ≤ 2 and F ≤ 2.
    case hibernating
    /// Anything else.
    case needsAttention

    init(r: Int, f: Int) {
        switch (r, f) {
        case (4..., 4...): self = .champions
        case (_, 4...): self = .loyal
        case (4..., 1): self = .new
        case (...2, 3...): self = .atRisk
        case (...2, ...2): self = .hibernating
        default: self = .needsAttention
        }
    }
}

/// A customer's churn risk.
public struct ChurnRisk: Sendable, Hashable {
    /// What raises the risk, with its weight.
    public enum Factor: String, Sendable, Hashable {
        /// No purchase and no interaction for the inactivity period (30).
        case inactive
        /// Fewer purchases in the last 90 days than in the 90 before (20).
        case fallingFrequency
        /// An open complaint (20).
        case openComplaint
        /// The latest satisfaction answer below half its scale (15).
        case lowSatisfaction
        /// An active contract ending within 60 days (15).
        case contractEnding

        /// The factor's points.
        public var weight: Int {
            switch self {
            case .inactive: 30
            case .fallingFrequency, .openComplaint: 20
            case .lowSatisfaction, .contractEnding: 15
            }
        }
    }

    /// The customer.
    public var customerId: String
    /// 0-100.
    public var score: Int
    /// The factors, in the order above.
    public var factors: [Factor]

    /// A churn risk.
    public init(customerId: String, score: Int, factors: [Factor]) {
        (self.customerId, self.score, self.factors) = (customerId, score, factors)
    }
}

extension CRMViews {
    /// The customer value and retention view now, or as of `point`.
    /// - Throws: ``CRMError/store(_:)``.
    public func value(asOf point: AsOf? = nil) async throws(CRMError) -> ValueSnapshot {
        var customers: [CustomerValue] = []
        try await forEachRecord(of: ValueProjection(), prefix: "c:", asOf: point) { _, record in
            if let value = record.value { customers.append(value) }
        }
        return ValueSnapshot(customers: customers)
    }
}
