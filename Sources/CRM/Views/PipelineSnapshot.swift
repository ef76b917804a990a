public import EventSourcing
public import Foundation

/// The pipeline view at one point: every deal and lead, and the figures computed from them.
///
/// Get it from ``CRMViews/pipeline(asOf:)``. Amounts are summed per currency, never converted; a weighted amount
/// is Σ(amount in minor units × probability) / 100 per currency, rounded half away from zero once, on the sum.
public struct PipelineSnapshot: Sendable, Hashable {
    /// Every deal, sorted by id.
    public var deals: [PipelineDeal]
    /// Every lead, sorted by id.
    public var leads: [PipelineLead]

    /// A snapshot of these deals and leads.
    public init(deals: [PipelineDeal], leads: [PipelineLead]) {
        self.deals = deals.sorted { $0.id < $1.id }
        self.leads = leads.sorted { $0.id < $1.id }
    }

    /// The deal `id` with its stage history.
    public func deal(_ id: String) -> PipelineDeal? { deals.first { $0.id == id } }

    /// The open deals per pipeline and stage, sorted by pipeline then stage order: count, amount, weighted amount,
    /// average age in the stage at `now`, and the stalled ones (in the stage longer than `stalledAfterDays` days).
    public func openByStage(at now: Timestamp, stalledAfterDays: Int = 30) -> [StageSummary] {
        var lines: [String: StageSummary] = [:]
        var ages: [String: Int64] = [:]
        for deal in deals where deal.isOpen {
            let key = deal.pipelineId + "\u{0}" + deal.stage.stageId
            var line = lines[key] ?? StageSummary(
                pipelineId: deal.pipelineId, stageId: deal.stage.stageId, stageName: deal.stage.name, order: deal.stage.order)
            line.count += 1
            line.amount.add(deal.amount)
            line.weightedTimesHundred.add(deal.amount.times(deal.probability))
            let age = deal.ageInStage(at: now)
            ages[key, default: 0] += age
            if age > Int64(stalledAfterDays) * 86_400 { line.stalledIds.append(deal.id) }
            lines[key] = line
        }
        return lines.map { key, line in
            var line = line
            line.averageAgeInStageSeconds = (ages[key] ?? 0) / Int64(max(1, line.count))
            return line
        }.sorted { ($0.pipelineId, $0.order, $0.stageId) < ($1.pipelineId, $1.order, $1.stageId) }
    }

    /// The weighted forecast of the open deals by expected close month (`YYYY-MM`), owner and forecast category
    /// (the override, else the stage's), sorted by those.
    public func forecast() -> [ForecastLine] {
        var lines: [ForecastLine.Key: ForecastLine] = [:]
        for deal in deals where deal.isOpen {
            let key = ForecastLine.Key(
                closeMonth: deal.expectedCloseDate.monthText, ownerId: deal.ownerId ?? "", category: deal.forecastCategory)
            var line = lines[key] ?? ForecastLine(key: key)
            line.count += 1
            line.amount.add(deal.amount)
            line.weightedTimesHundred.add(deal.amount.times(deal.probability))
            lines[key] = line
        }
        return lines.values.sorted { $0.key < $1.key }
    }

    /// Won and lost deals, the win rate, won totals, average won size and lost reasons, per group (a deal's close
    /// month is that of its close date), sorted by group. Open deals are not counted.
    public func winRates(by grouping: DealGrouping) -> [WinRateLine] {
        var lines: [String: WinRateLine] = [:]
        for deal in deals where !deal.isOpen {
            let group = grouping.group(of: deal)
            var line = lines[group] ?? WinRateLine(group: group)
            if deal.stage.category == .won {
                line.won += 1
                let amount = deal.wonAmount ?? deal.amount
                line.wonTotal.add(amount)
                line.wonCount[amount.currency, default: 0] += 1
            } else {
                line.lost += 1
                if let reason = deal.lostReason { line.lostReasons[reason.code, default: 0] += 1 }
            }
            lines[group] = line
        }
        return lines.values.sorted { $0.group < $1.group }
    }

    /// The average sales cycle of the won deals, in days (86,400 s): from opening to the win, or, for
    /// ``CycleStart/lead``, from the capture of the lead they came from (deals without a known lead are left out).
    /// `nil` when no deal counts.
    public func averageCycleDays(from start: CycleStart) -> Double? {
        let captured = Dictionary(leads.map { ($0.id, $0.capturedAt) }, uniquingKeysWith: { first, _ in first })
        var seconds: [Int64] = []
        for deal in deals where deal.stage.category == .won {
            guard let closed = deal.closedAt else { continue }
            let begin: Timestamp?
            switch start {
            case .opportunity: begin = deal.openedAt
            case .lead: begin = deal.leadId.flatMap { captured[$0] }
            }
            if let begin { seconds.append((closed.rawValue - begin.rawValue) / 1_000_000) }
        }
        guard !seconds.isEmpty else { return nil }
        return Double(seconds.reduce(0, +)) / Double(seconds.count) / 86_400
    }

    /// The conversion funnel per lead source and cohort month (the month the lead was captured, in `timeZone`):
    /// leads, those qualified, those converted into an opportunity, and those whose opportunity is won now.
    public func funnel(in timeZone: TimeZone) -> [FunnelLine] {
        let won = Set(deals.filter { $0.stage.category == .won }.map(\.id))
        var lines: [String: FunnelLine] = [:]
        for lead in leads {
            let month = LocalDate(lead.capturedAt, in: timeZone).monthText
            let key = lead.source.rawValue + "\u{0}" + month
            var line = lines[key] ?? FunnelLine(source: lead.source, cohortMonth: month)
            line.leads += 1
            if lead.qualifiedAt != nil { line.qualified += 1 }
            if let id = lead.opportunityId {
                line.opportunities += 1
                if won.contains(id) { line.won += 1 }
            }
            lines[key] = line
        }
        return lines.values.sorted { ($0.source.rawValue, $0.cohortMonth) < ($1.source.rawValue, $1.cohortMonth) }
    }

    /// Per owner (deals without one under `""`): open deals, their amount and weighted amount, won and lost deals,
    /// won total and win rate, sorted by owner.
    public func ownerPerformance() -> [OwnerPerformance] {
        var lines: [String: OwnerPerformance] = [:]
        for deal in deals {
            let owner = deal.ownerId ?? ""
            var line = lines[owner] ?? OwnerPerformance(ownerId: owner)
            switch deal.stage.category {
            case .open:
                line.open += 1
                line.openAmount.add(deal.amount)
                line.weightedTimesHundred.add(deal.amount.times(deal.probability))
            case .won:
                line.won += 1
                line.wonTotal.add(deal.wonAmount ?? deal.amount)
            case .lost:
                line.lost += 1
            }
            lines[owner] = line
        }
        return lines.values.sorted { $0.ownerId < $1.ownerId }
    }
}

/// The open deals of one stage of one pipeline.
public struct StageSummary: Sendable, Hashable {
    /// The pipeline.
    public var pipelineId: String
    /// The stage.
    public var stageId: String
    /// The stage's name.
    public var stageName: String
    /// The stage's order in the pipeline.
    public var order: Int
    /// The open deals in it.
    public var count = 0
    /// Their amounts, per currency.
    public var amount: [Money] = []
    /// Σ amount × probability, per currency, in hundredths of a minor unit (before rounding).
    var weightedTimesHundred: [Money] = []
    /// The average time the deals have been in the stage, in whole seconds.
    public var averageAgeInStageSeconds: Int64 = 0
    /// The deals in the stage for longer than the stalled threshold, by id.
    public var stalledIds: [String] = []

    /// The weighted amount, per currency.
    public var weighted: [Money] { weightedTimesHundred.map { $0.dividedByHundred() } }

    init(pipelineId: String, stageId: String, stageName: String, order: Int) {
        (self.pipelineId, self.stageId, self.stageName, self.order) = (pipelineId, stageId, stageName, order)
    }
}

/// One line of the weighted forecast.
public struct ForecastLine: Sendable, Hashable {
    /// The grouping of a line.
    public struct Key: Sendable, Hashable, Comparable {
        /// The expected close month, `YYYY-MM`.
        public var closeMonth: String
        /// The owner (`""` when none).
        public var ownerId: String
        /// The forecast category.
        public var category: ForecastCategory

        /// A grouping.
        public init(closeMonth: String, ownerId: String, category: ForecastCategory) {
            (self.closeMonth, self.ownerId, self.category) = (closeMonth, ownerId, category)
        }

        /// Orders by month, owner, then category.
        public static func < (a: Key, b: Key) -> Bool {
            (a.closeMonth, a.ownerId, a.category.rawValue) < (b.closeMonth, b.ownerId, b.category.rawValue)
        }
    }

    /// What the line groups.
    public var key: Key
    /// The open deals.
    public var count = 0
    /// Their amounts, per currency.
    public var amount: [Money] = []
    var weightedTimesHundred: [Money] = []

    /// The weighted amount, per currency.
    public var weighted: [Money] { weightedTimesHundred.map { $0.dividedByHundred() } }

    init(key: Key) { self.key = key }
}

/// How closed deals are grouped for win rates.
public enum DealGrouping: Sendable, Hashable {
    /// All deals in one group, `""`.
    case all
    /// By owner (`""` when none).
    case owner
    /// By source (`""` when none).
    case source
    /// By credited campaign (`""` when none).
    case campaign
    /// By close month, `YYYY-MM` of the close date.
    case closeMonth

    func group(of deal: PipelineDeal) -> String {
        switch self {
        case .all: ""
        case .owner: deal.ownerId ?? ""
        case .source: deal.source?.rawValue ?? ""
        case .campaign: deal.campaignId ?? ""
        case .closeMonth: (deal.closeDate ?? deal.expectedCloseDate).monthText
        }
    }
}

/// Won and lost deals of one group.
public struct WinRateLine: Sendable, Hashable {
    /// The group (see ``DealGrouping``).
    public var group: String
    /// Deals won.
    public var won = 0
    /// Deals lost.
    public var lost = 0
    /// The amounts won, per currency.
    public var wonTotal: [Money] = []
    /// Deals lost per lost-reason code.
    public var lostReasons: [String: Int] = [:]
    var wonCount: [String: Int] = [:]

    /// won / (won + lost), or `nil` when none closed.
    public var winRate: Double? { won + lost == 0 ? nil : Double(won) / Double(won + lost) }

    /// The average won deal per currency: the currency's won total / its won deals, rounded half away from zero to
    /// a minor unit.
    public var averageWonSize: [Money] {
        wonTotal.map { total in
            let count = Int64(wonCount[total.currency] ?? 1)
            return Money(minorUnits: total.minorUnits.dividedRounded(by: count), currency: total.currency)
        }
    }

    init(group: String) { self.group = group }
}

/// Where a sales cycle starts.
public enum CycleStart: Sendable, Hashable {
    /// The lead's capture.
    case lead
    /// The opportunity's opening.
    case opportunity
}

/// The funnel of one lead source and cohort month.
public struct FunnelLine: Sendable, Hashable {
    /// The lead source.
    public var source: AcquisitionChannel
    /// The month the leads were captured, `YYYY-MM`.
    public var cohortMonth: String
    /// Leads captured.
    public var leads = 0
    /// Of them, qualified (or converted).
    public var qualified = 0
    /// Of them, converted into an opportunity.
    public var opportunities = 0
    /// Of them, with the opportunity won.
    public var won = 0

    init(source: AcquisitionChannel, cohortMonth: String) { (self.source, self.cohortMonth) = (source, cohortMonth) }
}

/// One owner's deals.
public struct OwnerPerformance: Sendable, Hashable {
    /// The owner (`""` for deals without one).
    public var ownerId: String
    /// Open deals.
    public var open = 0
    /// Their amounts, per currency.
    public var openAmount: [Money] = []
    var weightedTimesHundred: [Money] = []
    /// Deals won.
    public var won = 0
    /// Deals lost.
    public var lost = 0
    /// The amounts won, per currency.
    public var wonTotal: [Money] = []

    /// The weighted open amount, per currency.
    public var weighted: [Money] { weightedTimesHundred.map { $0.dividedByHundred() } }
    /// won / (won + lost), or `nil` when none closed.
    public var winRate: Double? { won + lost == 0 ? nil : Double(won) / Double(won + lost) }

    init(ownerId: String) { self.ownerId = ownerId }
}

extension Money {
    /// The amount × `percent` (in hundredths of a minor unit), saturating.
    func times(_ percent: Int) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: Int64(percent))
        return Money(minorUnits: overflow ? (minorUnits > 0 ? .max : .min) : product, currency: currency)
    }

    /// The amount / 100, rounded half away from zero.
    func dividedByHundred() -> Money { Money(minorUnits: minorUnits.dividedRounded(by: 100), currency: currency) }
}

extension Int64 {
    /// self / divisor rounded half away from zero (divisor > 0).
    func dividedRounded(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        if remainder.magnitude * 2 >= divisor.magnitude { return quotient + (self < 0 ? -1 : 1) }
        return quotient
    }
}

extension LocalDate {
    /// `YYYY-MM`.
    var monthText: String { String(description.prefix(7)) }
}

extension CRMViews {
    /// The pipeline view now, or as of `point`.
    /// - Throws: ``CRMError/store(_:)``.
    public func pipeline(asOf point: AsOf? = nil) async throws(CRMError) -> PipelineSnapshot {
        var deals: [PipelineDeal] = []
        var leads: [PipelineLead] = []
        try await forEachRecord(of: PipelineProjection(), prefix: "", asOf: point) { _, record in
            if let deal = record.deal { deals.append(deal) }
            if let lead = record.lead { leads.append(lead) }
        }
        return PipelineSnapshot(deals: deals, leads: leads)
    }
}
