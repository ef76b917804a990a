/// The per-customer fold of the standard workload (GENERATOR.md section 11), used by the replay (W4), projection
/// (W6) and cold-open (W7) workloads and by anyone checking that a store decoded the data correctly.
///
/// Per customer: the number of events, the amount of open opportunities in cents, the number of open tickets and a
/// lifecycle stage (lead on registration, prospect on the first opportunity opened while a lead, customer on a won
/// opportunity).
public struct WorkloadFold: Sendable {
    /// Each customer's state, by customer number.
    public internal(set) var customers: [WorkloadCustomerState]

    /// An empty fold for `customers` customers.
    public init(customers: Int) {
        self.customers = Array(repeating: WorkloadCustomerState(), count: customers)
    }

    /// Folds one event of `customer`; `amountCents` is the amount of an opportunity opened, won or lost.
    ///
    /// Customers outside `0 ..< customers` are ignored.
    public mutating func apply(customer: Int, type: WorkloadEventType, amountCents: Int64?) {
        guard customer >= 0 && customer < customers.count else { return }
        customers[customer].apply(type, amountCents: amountCents)
    }

    /// The totals over all customers.
    public var totals: WorkloadTotals {
        var totals = WorkloadTotals()
        for state in customers { totals.add(state) }
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
