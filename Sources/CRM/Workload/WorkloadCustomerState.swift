/// One customer's state in the standard workload's fold (GENERATOR.md section 11): what W4 folds per customer and
/// what W6's projection stores per customer.
public struct WorkloadCustomerState: Codable, Sendable, Hashable {
    /// A customer's lifecycle stage in the fold.
    public enum Stage: UInt8, Codable, Sendable {
        /// Not seen yet.
        case none
        /// Registered.
        case lead
        /// Has had an opportunity opened.
        case prospect
        /// Has won an opportunity.
        case customer
    }

    /// Events of the customer.
    public var events = 0
    /// The amount of open opportunities, in cents.
    public var openAmountCents: Int64 = 0
    /// Open tickets.
    public var openTickets = 0
    /// The lifecycle stage: lead on registration, prospect on the first opportunity opened while a lead,
    /// customer on a won opportunity.
    public var stage = Stage.none

    /// A customer not seen yet.
    public init() {}

    /// Folds one event; `amountCents` is the amount of an opportunity opened, won or lost.
    public mutating func apply(_ type: WorkloadEventType, amountCents: Int64?) {
        events += 1
        switch type {
        case .customerRegistered:
            stage = .lead
        case .opportunityOpened:
            openAmountCents += amountCents ?? 0
            if stage == .lead { stage = .prospect }
        case .opportunityWon:
            openAmountCents -= amountCents ?? 0
            stage = .customer
        case .opportunityLost:
            openAmountCents -= amountCents ?? 0
        case .ticketOpened:
            openTickets += 1
        case .ticketClosed:
            openTickets -= 1
        case .interactionLogged, .opportunityStageAdvanced, .ticketResponded, .campaignResponseRecorded:
            break
        }
    }
}

extension WorkloadTotals {
    /// Adds one customer's state (customers without events are not counted).
    public mutating func add(_ state: WorkloadCustomerState) {
        guard state.events > 0 else { return }
        events += state.events
        customers += 1
        openAmountCents += state.openAmountCents
        openTickets += state.openTickets
        switch state.stage {
        case .lead: lead += 1
        case .prospect: prospect += 1
        case .customer: customer += 1
        case .none: break
        }
    }
}
