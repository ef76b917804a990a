public import EventSourcing

/// How a lead or a won deal is credited to the campaigns that touched it.
public enum AttributionModel: Sendable, Hashable, CaseIterable {
    /// All to the campaign of the earliest touch.
    case firstTouch
    /// All to the campaign of the latest touch.
    case lastTouch
    /// Evenly over the distinct campaigns that touched it.
    case evenSplit
}

/// The campaigns view at one point: each campaign's figures, the touches and the wins, and the attribution.
///
/// A touch is a membership, a response that counts, an opened or clicked message, a lead captured with the
/// campaign, and a deal's primary campaign (at its opening). A lead is credited from its own touches; a won deal
/// from the touches, up to the win, of its customer, of the customer's contacts and of the leads converted into
/// it. The even split gives each distinct campaign 1/k of a lead, and of a won amount k equal parts in minor units,
/// the remainder one minor unit each to the campaigns touched first.
public struct CampaignSnapshot: Sendable, Hashable {
    /// Every campaign, by id.
    public var campaigns: [String: CampaignFigures]
    /// Each person's touches (`lead:<id>`, `contact:<id>`, `customer:<id>`), in log order.
    public var touches: [String: [CampaignTouch]]
    /// The customers each lead and contact belongs to.
    public var people: [String: [String]]
    /// The leads captured, by id.
    public var leads: Set<String>
    /// Each deal's customer, opening, primary campaign and win.
    public var deals: [String: CampaignRecord]

    /// A snapshot of these records.
    public init(
        campaigns: [String: CampaignFigures], touches: [String: [CampaignTouch]], people: [String: [String]],
        leads: Set<String>, deals: [String: CampaignRecord]
    ) {
        (self.campaigns, self.touches, self.people, self.leads, self.deals) = (campaigns, touches, people, leads, deals)
    }

    /// The figures of campaign `id`.
    public func campaign(_ id: String) -> CampaignFigures? { campaigns[id] }

    /// Touches sorted by time (log order within the same time).
    func ordered(_ touches: [CampaignTouch]) -> [CampaignTouch] {
        touches.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    /// The campaigns credited by `model` for these touches: one, or every distinct one in order of first touch.
    func credit(_ touches: [CampaignTouch], _ model: AttributionModel) -> [String] {
        let sorted = ordered(touches)
        switch model {
        case .firstTouch: return sorted.first.map { [$0.campaignId] } ?? []
        case .lastTouch: return sorted.last.map { [$0.campaignId] } ?? []
        case .evenSplit:
            var distinct: [String] = []
            for touch in sorted where !distinct.contains(touch.campaignId) { distinct.append(touch.campaignId) }
            return distinct
        }
    }

    /// Leads credited to each campaign (fractions under the even split).
    public func attributedLeads(_ model: AttributionModel) -> [String: Double] {
        var result: [String: Double] = [:]
        for lead in leads {
            let credited = credit(touches["lead:" + lead] ?? [], model)
            for id in credited { result[id, default: 0] += 1 / Double(credited.count) }
        }
        return result
    }

    /// The touches, up to `end`, of customer `customerId` and of its contacts and converted leads.
    func touches(ofCustomer customerId: String, until end: Timestamp) -> [CampaignTouch] {
        var found = touches["customer:" + customerId] ?? []
        for (person, customers) in people.sorted(by: { $0.key < $1.key }) where customers.contains(customerId) {
            found += touches[person] ?? []
        }
        return found.filter { $0.at <= end }
    }

    /// Won revenue credited to each campaign, per currency.
    public func attributedRevenue(_ model: AttributionModel) -> [String: [Money]] {
        var result: [String: [Money]] = [:]
        for (_, deal) in deals.sorted(by: { $0.key < $1.key }) {
            guard let won = deal.wonAmount, let wonAt = deal.wonAt, let customer = deal.customers.first else { continue }
            var all = touches(ofCustomer: customer, until: wonAt)
            if let primary = deal.primaryCampaignId, let opened = deal.openedAt {
                all.insert(CampaignTouch(campaignId: primary, at: opened), at: 0)
            }
            let credited = credit(all, model)
            guard !credited.isEmpty else { continue }
            let count = Int64(credited.count)
            let (share, remainder) = won.minorUnits.quotientAndRemainder(dividingBy: count)
            for (index, id) in credited.enumerated() {
                let extra: Int64 = Int64(index) < remainder.magnitude ? (remainder < 0 ? -1 : 1) : 0
                result[id, default: []].add(Money(minorUnits: share + extra, currency: won.currency))
            }
        }
        return result
    }

    /// Per currency of campaign `id`'s costs: (credited won revenue − cost) / cost, each cost counted once. `nil`
    /// for an unknown campaign; a currency whose cost is zero is left out.
    public func roi(_ id: String, model: AttributionModel) -> [String: Double]? {
        guard let figures = campaigns[id] else { return nil }
        let revenue = attributedRevenue(model)[id] ?? []
        var result: [String: Double] = [:]
        for cost in figures.cost where cost.minorUnits != 0 {
            let earned = revenue.first { $0.currency == cost.currency }?.minorUnits ?? 0
            result[cost.currency] = Double(earned - cost.minorUnits) / Double(cost.minorUnits)
        }
        return result
    }

    /// The campaign's cost less its budget, per currency of the budget (`nil` without a budget).
    public func costAgainstBudget(_ id: String) -> Money? {
        guard let figures = campaigns[id], let budget = figures.budget else { return nil }
        let spent = figures.cost.first { $0.currency == budget.currency }?.minorUnits ?? 0
        return Money(minorUnits: spent - budget.minorUnits, currency: budget.currency)
    }
}

extension CRMViews {
    /// The campaigns view now, or as of `point`.
    /// - Throws: ``CRMError/store(_:)``.
    public func campaigns(asOf point: AsOf? = nil) async throws(CRMError) -> CampaignSnapshot {
        var snapshot = CampaignSnapshot(campaigns: [:], touches: [:], people: [:], leads: [], deals: [:])
        try await forEachRecord(of: CampaignProjection(), prefix: "", asOf: point) { key, record in
            let rest = String(key.dropFirst(2))
            switch key.prefix(2) {
            case "c:": if let figures = record.campaign { snapshot.campaigns[rest] = figures }
            case "t:": snapshot.touches[rest] = record.touches
            case "p:":
                if !record.customers.isEmpty { snapshot.people[rest] = record.customers }
                if rest.hasPrefix("lead:"), record.capturedAt != nil { snapshot.leads.insert(String(rest.dropFirst(5))) }
            case "o:": snapshot.deals[rest] = record
            default: break
            }
        }
        return snapshot
    }
}
