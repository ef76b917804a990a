import CRM
import EventSourcing

/// The figures the demo checks the views against, counted straight from the log in one pass (no projection): each
/// customer's lifecycle stage, the open opportunities and tickets, and the won deals per customer.
struct DemoTally {
    /// Lifecycle stage per registered customer.
    var stages: [String: String] = [:]
    /// Open opportunity → its customer.
    var openOpportunities: [String: String] = [:]
    /// Every opportunity → its customer.
    var opportunityOwners: [String: String] = [:]
    /// Open ticket → its customer.
    var openTickets: [String: String] = [:]
    /// Won deals per customer.
    var won: [String: Int] = [:]

    static let types: Set<String> = [
        CustomerRegistered.eventType, LifecycleStageChanged.eventType, OpportunityOpened.eventType,
        OpportunityWon.eventType, OpportunityLost.eventType, TicketOpened.eventType, TicketClosed.eventType,
    ]

    /// Counts the whole log of `store`.
    static func count(_ store: EventStore) throws -> DemoTally {
        var tally = DemoTally()
        try store.read { snapshot in
            try snapshot.forEach(filter: EventFilter(types: types)) { event in
                try tally.apply(event)
                return true
            }
        }
        return tally
    }

    mutating func apply(_ event: RecordView) throws {
        switch event.type {
        case CustomerRegistered.eventType:
            let e = try event.decode(CustomerRegistered.self)
            stages[e.customerId] = e.lifecycleStage
        case LifecycleStageChanged.eventType:
            let e = try event.decode(LifecycleStageChanged.self)
            stages[e.customerId] = e.toStage
        case OpportunityOpened.eventType:
            let e = try event.decode(OpportunityOpened.self)
            openOpportunities[e.opportunityId] = e.customerId
            opportunityOwners[e.opportunityId] = e.customerId
        case OpportunityWon.eventType:
            let id = try event.decode(OpportunityWon.self).opportunityId
            openOpportunities[id] = nil
            if let customer = opportunityOwners[id] { won[customer, default: 0] += 1 }
        case OpportunityLost.eventType:
            openOpportunities[try event.decode(OpportunityLost.self).opportunityId] = nil
        case TicketOpened.eventType:
            let e = try event.decode(TicketOpened.self)
            openTickets[e.ticketId] = e.customerId ?? ""
        case TicketClosed.eventType:
            openTickets[try event.decode(TicketClosed.self).ticketId] = nil
        default: break
        }
    }

    /// Customers per lifecycle stage.
    var stageCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for stage in stages.values { counts[stage, default: 0] += 1 }
        return counts
    }

    /// Open opportunities, won deals and open tickets of `customer`.
    func figures(of customer: String) -> (open: Int, won: Int, tickets: Int) {
        (openOpportunities.values.filter { $0 == customer }.count, won[customer] ?? 0,
         openTickets.values.filter { $0 == customer }.count)
    }

    /// The customer with the most open opportunities, won deals and open tickets together (the lowest id of those
    /// tied), to show a rich 360° view; `nil` when no customer is registered.
    var richestCustomer: String? {
        var score = stages.mapValues { _ in 0 }
        for customer in openOpportunities.values where score[customer] != nil { score[customer, default: 0] += 1 }
        for customer in openTickets.values where score[customer] != nil { score[customer, default: 0] += 1 }
        for (customer, count) in won where score[customer] != nil { score[customer, default: 0] += count }
        return score.min { ($1.value, $0.key) < ($0.value, $1.key) }?.key
    }
}
