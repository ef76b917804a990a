import CRM
import EventSourcing

extension ReportBuilder {
    /// The sections of one customer's 360° view: its profile and totals, its open opportunities, open tickets and
    /// contacts.
    func customer360(_ customer: Customer360) -> [ReportSection] {
        let view = customer.view
        var profile: [[ReportCell]] = [
            [.text("id"), .text(view.id)],
            [.text("name"), .text(view.name)],
            [.text("lifecycleStage"), .text(view.lifecycleStage)],
            [.text("becameCustomerAt"), .text(view.becameCustomerAt?.iso8601Seconds ?? "-")],
            [.text("openOpportunities"), .int(view.openOpportunities.count)],
            [.text("openOpportunityValue"), .money(customer.openOpportunityValue)],
            [.text("wonOpportunities"), .int(view.wonOpportunities)],
            [.text("wonTotal"), .money(view.wonTotal)],
            [.text("openTickets"), .int(view.openTickets.count)],
            [.text("lastInteraction"), .text(view.lastInteraction.map { "\($0.at.iso8601Seconds) \($0.channel.rawValue)" } ?? "-")],
            [.text("latestSatisfaction"),
             .text(view.latestSatisfaction.map { "\($0.kind.rawValue) \($0.score) of \($0.scaleMax), \($0.at.iso8601Seconds)" } ?? "-")],
        ]
        if !customer.mergedRecords.isEmpty {
            profile.append([.text("mergedRecords"), .text(customer.mergedRecords.joined(separator: ", "))])
        }
        return [
            ReportSection(name: "profile", columns: ["field", "value"], rows: profile),
            ReportSection(
                name: "openOpportunities", columns: ["opportunity", "name", "stage", "amount"],
                rows: view.openOpportunities.map { [.text($0.opportunityId), .text($0.name), .text($0.stageId), .money([$0.amount])] }),
            ReportSection(
                name: "openTickets", columns: ["ticket", "priority", "status", "openedAt"],
                rows: view.openTickets.map {
                    [.text($0.ticketId), .text($0.priority.rawValue), .text($0.status.rawValue), .text($0.openedAt.iso8601Seconds)]
                }),
            ReportSection(
                name: "contacts", columns: ["contact", "name", "role"],
                rows: view.contacts.map { [.text($0.contactId), .text($0.name), .text($0.role ?? "-")] }),
        ]
    }
}
