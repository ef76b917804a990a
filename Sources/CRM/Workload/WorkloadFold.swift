/// The per-customer fold of the standard workload (GENERATOR.md section 11), used by the replay (W4), projection
/// (W6) and cold-open (W7) workloads and by anyone checking that a store decoded the data correctly.
///
/// Per customer: the number of events, the amount of open opportunities in cents, the number of open tickets and a
/// lifecycle stage (lead on registration, prospect on the first opportunity opened while a lead, customer on a won
/// opportunity).
public struct WorkloadFold: Sendable {
    /// A customer's lifecycle stage in the fold.
    public enum Stage: UInt8, Sendable {
        /// Not seen yet.
        case none
        /// Registered.
        case lead
        /// Has had an opportunity opened.
        case prospect
        /// Has won an opportunity.
        case customer
    }

    /// Events per customer.
    public internal(set) var events: [Int]
    /// Open opportunity amount per customer, in cents.
    public internal(set) var openAmountCents: [Int64]
    /// Open tickets per customer.
    public internal(set) var openTickets: [Int]
    /// Stage per customer.
    public internal(set) var stages: [Stage]

    /// An empty fold for `customers` customers.
    public init(customers: Int) {
        events = Array(repeating: 0, count: customers)
        openAmountCents = Array(repeating: 0, count: customers)
        openTickets = Array(repeating: 0, count: customers)
        stages = Array(repeating: .none, count: customers)
    }

    /// Folds one event of `customer`; `amountCents` is the amount of an opportunity opened, won or lost.
    ///
    /// Customers outside `0 ..< customers` are ignored.
    public mutating func apply(customer: Int, type: WorkloadEventType, amountCents: Int64?) {
        guard customer >= 0 && customer < events.count else { return }
        events[customer] += 1
        switch type {
        case .customerRegistered:
            stages[customer] = .lead
        case .opportunityOpened:
            openAmountCents[customer] += amountCents ?? 0
            if stages[customer] == .lead { stages[customer] = .prospect }
        case .opportunityWon:
            openAmountCents[customer] -= amountCents ?? 0
            stages[customer] = .customer
        case .opportunityLost:
            openAmountCents[customer] -= amountCents ?? 0
        case .ticketOpened:
            openTickets[customer] += 1
        case .ticketClosed:
            openTickets[customer] -= 1
        case .interactionLogged, .opportunityStageAdvanced, .ticketResponded, .campaignResponseRecorded:
            break
        }
    }

    /// The totals over all customers.
    public var totals: WorkloadTotals {
        var totals = WorkloadTotals()
        for customer in events.indices where events[customer] > 0 {
            totals.events += events[customer]
            totals.customers += 1
            totals.openAmountCents += openAmountCents[customer]
            totals.openTickets += openTickets[customer]
            switch stages[customer] {
            case .lead: totals.lead += 1
            case .prospect: totals.prospect += 1
            case .customer: totals.customer += 1
            case .none: break
            }
        }
        return totals
    }
}

/// The totals a benchmark prints after W4 and W6; equal totals mean two systems stored and decoded the same data.
public struct WorkloadTotals: Sendable, Hashable, CustomStringConvertible {
    /// Events folded.
    public var events = 0
    /// Customers with at least one event.
    public var customers = 0
    /// Open opportunity amounts, in cents.
    public var openAmountCents: Int64 = 0
    /// Open tickets.
    public var openTickets = 0
    /// Customers at each stage.
    public var lead = 0
    /// Customers who are prospects.
    public var prospect = 0
    /// Customers who are customers.
    public var customer = 0

    /// Zero totals.
    public init() {}

    /// `events=… customers=… open_amount_cents=… open_tickets=… lead=… prospect=… customer=…`.
    public var description: String {
        "events=\(events) customers=\(customers) open_amount_cents=\(openAmountCents) open_tickets=\(openTickets) "
            + "lead=\(lead) prospect=\(prospect) customer=\(customer)"
    }
}
